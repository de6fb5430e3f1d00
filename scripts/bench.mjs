#!/usr/bin/env node
// `npm run bench`: builds client and server when the build is missing or
// older than the sources (as `npm start` does), then runs the relay
// benchmark in test/bench/ (Fallbuch vs the reference @y/websocket-server).
// BENCH_QUICK=1 for a short smoke run; see test/bench/run.mjs.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const serverEntry = join(root, 'dist/server/server/src/main.js')
const clientEntry = join(root, 'dist/client/index.html')

/** Newest modification time of the files under a path (0 when missing). */
function newestMtime(path) {
  if (!existsSync(path)) {
    return 0
  }
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    return stat.mtimeMs
  }
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) {
      continue
    }
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

function oldestOutput() {
  if (!existsSync(serverEntry) || !existsSync(clientEntry)) {
    return 0
  }
  return Math.min(statSync(serverEntry).mtimeMs, statSync(clientEntry).mtimeMs)
}

const sources = ['client', 'server', 'shared', 'vite.config.ts', 'tsconfig.base.json', 'tsconfig.server.json', 'package-lock.json']
const newestSource = Math.max(...sources.map((source) => newestMtime(join(root, source))))
if (oldestOutput() < newestSource) {
  process.stdout.write('bench: building client and server …\n')
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) {
    process.stderr.write('bench: the build failed; see the output above.\n')
    process.exit(build.status ?? 1)
  }
}

await import('../test/bench/run.mjs')
