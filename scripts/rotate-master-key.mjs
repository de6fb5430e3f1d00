#!/usr/bin/env node
// `npm run rotate-master-key`: re-wraps every data key with a new master key
// (server/src/commands/rotateMasterKey.ts). Compiles the server when its build
// is missing or older than the sources, then runs the compiled command with
// this environment (DATA_DIR, or DATABASE_URL; MASTER_KEY or
// MASTER_KEY_FILE). Stop every relay process first.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './buildIfStale.mjs'

const entry = join(root, 'dist/server/server/src/rotateMasterKey.js')

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    return path.endsWith('.test.ts') ? 0 : stat.mtimeMs
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

if (!existsSync(entry) || statSync(entry).mtimeMs < Math.max(newestMtime(join(root, 'server/src')), newestMtime(join(root, 'shared/src')))) {
  const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) {
    process.stderr.write('rotate-master-key: the server build failed; see the output above.\n')
    process.exit(build.status ?? 1)
  }
}
const run = spawnSync(process.execPath, [entry], { stdio: 'inherit', env: process.env })
process.exit(run.status ?? 1)
