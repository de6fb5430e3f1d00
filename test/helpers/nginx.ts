/**
 * Debian's nginx in front of relay processes, with the shipped locations
 * (deploy/nginx/fallbuch-proxy.conf) included as they are: the load
 * balancer of the scale-out tests. Plain HTTP on loopback (TLS termination
 * is the site file's, not what these tests look at). Stopped when the test
 * file ends (helpers/processes.ts).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './relayProcess.js'
import { spawnTracked, stopProcess } from './processes.js'
import { whenDone } from './whenDone.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')

/** The nginx binary (Debian's package `nginx`, installed by .ci/run). */
export const nginxBinary = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path))

/** Suffix for describe titles of tests that need nginx. */
export const needsNginx = nginxBinary ? '' : ' — NOT RUN: install nginx (apt-get install nginx; .ci/run does)'

/** A running nginx. */
export interface Nginx {
  port: number
  url: string
  wsUrl: string
  stop(): Promise<void>
}

/** One upstream server; `backup` ones get traffic only while the others are down. */
export interface Upstream {
  port: number
  backup?: boolean
}

/** Starts nginx on a free port in front of `upstreams` (127.0.0.1). */
export async function startNginx(upstreams: readonly Upstream[]): Promise<Nginx> {
  if (nginxBinary === undefined) {
    throw new Error('nginx is not installed')
  }
  const prefix = await mkdtemp(join(tmpdir(), 'fallbuch-nginx-'))
  // Removed when the test (or file) ends, after nginx, which writes its pid and log there, has stopped.
  whenDone(() => rm(prefix, { recursive: true, force: true }))
  const port = await freePort()
  const servers = upstreams.map((upstream) => `    server 127.0.0.1:${upstream.port} max_fails=1 fail_timeout=5s${upstream.backup === true ? ' backup' : ''};`).join('\n')
  const config = `
daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log notice;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream fallbuch {
${servers}
  }
  server {
    listen 127.0.0.1:${port};
    include ${join(root, 'deploy/nginx/fallbuch-proxy.conf')};
  }
}
`
  const file = join(prefix, 'nginx.conf')
  await writeFile(file, config)
  const child = spawnTracked(nginxBinary, ['-p', prefix, '-c', file, '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] })
  whenDone(() => stopProcess(child, 'SIGKILL'))
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  // nginx prints nothing on success: wait until it accepts connections.
  const started = Date.now()
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    )
    if (ok) {
      break
    }
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      await stopProcess(child, 'SIGKILL')
      throw new Error(`nginx did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    stop: () => stopProcess(child, 'SIGQUIT'),
  }
}
