/**
 * Service packaging (issue 23 point 6): `npm start` passes SIGTERM on to the
 * relay (nothing is left listening), the shipped systemd unit passes
 * `systemd-analyze verify`, and the shipped nginx site passes `nginx -t`
 * (with a throwaway certificate in place of the real one). The proxy's
 * behaviour itself (websocket upgrades, failover) is tested with real nginx
 * in scaleOutKill.test.ts.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { embeddedEnv } from '../helpers/embeddedEnv.js'
import { nginxBinary } from '../helpers/nginx.js'
import { spawnTracked, stopProcess, waitForOutput } from '../helpers/processes.js'
import { freePort } from '../helpers/relayProcess.js'
import { until } from '../helpers/until.js'
import { buildIsFresh } from '../../scripts/buildIfStale.mjs'

const run = promisify(execFile)
const root = process.cwd()
const scratch = mkdtempSync(join(tmpdir(), 'fallbuch-ops-packaging-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((path) => existsSync(path))
const built = buildIsFresh()

async function listening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => true,
    () => false,
  )
}

describe.skipIf(!built)(`npm start${built ? '' : ' — NOT RUN: no fresh build (npm test builds first)'}`, () => {
  it('forwards SIGTERM sent to the npm process: the relay shuts down and nothing keeps listening', async () => {
    const port = await freePort()
    const dataDir = join(scratch, 'start')
    const child = spawnTracked('npm', ['start'], {
      cwd: root,
      env: embeddedEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitForOutput(child, () => output, /Fallbuch relay listening/, 60_000)
    expect(await listening(port)).toBe(true)
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    // Only npm itself, as `kill -TERM <pid of npm start>` or a service manager without a cgroup does.
    process.kill(child.pid ?? 0, 'SIGTERM')
    await exited
    await until(async () => !(await listening(port)), { timeoutMs: 15_000, message: 'the relay to stop listening' })
    await until(() => output.includes('Fallbuch relay stopped'), { timeoutMs: 15_000, message: 'the graceful shutdown line' })
    await stopProcess(child, 'SIGKILL')
  }, 90_000)
})

describe.skipIf(systemdAnalyze === undefined)('the systemd unit', () => {
  it('passes systemd-analyze verify and runs the relay directly (signals reach it)', async () => {
    const unit = join(root, 'deploy/systemd/fallbuch.service')
    const { stdout, stderr } = await run(systemdAnalyze ?? 'systemd-analyze', ['verify', unit])
    expect(`${stdout}${stderr}`).not.toMatch(/fallbuch\.service:\d+/)
    const text = readFileSync(unit, 'utf8')
    expect(text).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/fallbuch\/dist\/server\/server\/src\/main\.js$/m)
    expect(text).toMatch(/^KillSignal=SIGTERM$/m)
  })
})

describe.skipIf(nginxBinary === undefined)('the nginx site', () => {
  it('passes nginx -t with the proxy locations included', async () => {
    const cert = join(scratch, 'cert.pem')
    const key = join(scratch, 'key.pem')
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=fallbuch.example.org'])
    const site = readFileSync(join(root, 'deploy/nginx/fallbuch.conf'), 'utf8')
      .replaceAll('/etc/letsencrypt/live/fallbuch.example.org/fullchain.pem', cert)
      .replaceAll('/etc/letsencrypt/live/fallbuch.example.org/privkey.pem', key)
      .replaceAll('/etc/nginx/snippets/fallbuch-proxy.conf', join(root, 'deploy/nginx/fallbuch-proxy.conf'))
      .replace(/listen (\[::\]:)?(80|443)/g, (_match, v6: string | undefined, port: string) => `listen ${v6 ?? ''}${port === '80' ? '18080' : '18443'}`)
    writeFileSync(join(scratch, 'site.conf'), site)
    const main = `pid ${scratch}/nginx.pid;\nerror_log ${scratch}/error.log;\nevents {}\nhttp {\n  include ${scratch}/site.conf;\n}\n`
    writeFileSync(join(scratch, 'nginx.conf'), main)
    const { stderr } = await run(nginxBinary ?? 'nginx', ['-t', '-p', scratch, '-c', join(scratch, 'nginx.conf'), '-e', join(scratch, 'error.log')])
    expect(stderr).toContain('test is successful')
  })
})
