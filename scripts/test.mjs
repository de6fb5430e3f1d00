#!/usr/bin/env node
// `npm test`: lint -> typecheck -> build -> all vitest projects (unit,
// integration, end-to-end in real Chromium), failing fast in that order.
// The last line of the output is vitest's `N passed, N failed` summary.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findChromium, chromiumInstallHint } from '../test/helpers/findChromium.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const passThrough = process.argv.slice(2)

function step(title, command, args, env = {}) {
  process.stdout.write(`\n== ${title}\n`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } })
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed.\n0 passed, 1 failed\n`)
    process.exit(result.status ?? 1)
  }
}

const chromium = findChromium()
if (!chromium) {
  process.stdout.write(`\nNo Chromium found: ${chromiumInstallHint}\n`)
  if (process.env.CI === 'true') {
    process.stdout.write('CI=true: end-to-end tests are required, so this run fails.\n0 passed, 1 failed\n')
    process.exit(1)
  }
  process.stdout.write('The end-to-end tests will be reported as skipped.\n')
}

step('lint', 'npx', ['eslint', '.'])
step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
step('build', 'npm', ['run', '--silent', 'build'])
process.stdout.write('\n== tests\n')
const tests = spawnSync('npx', ['vitest', 'run', ...passThrough], { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } })
process.exit(tests.status ?? 1)
