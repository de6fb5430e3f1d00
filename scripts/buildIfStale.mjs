// Builds client and server when the build is missing or older than the
// sources; shared by `npm start`, `npm run bench` and the tests of the built
// relay (buildIsFresh). runServerCommand builds
// the server alone, as the server's commands (rotate-master-key,
// account-hash) need it.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project's root folder. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/** The compiled server's entry. */
export const serverEntry = join(root, 'dist/server/server/src/main.js')
const clientEntry = join(root, 'dist/client/index.html')
const sources = ['client', 'server', 'shared', 'vite.config.ts', 'tsconfig.base.json', 'tsconfig.server.json', 'package-lock.json']

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

/** True when the client and server builds exist and are newer than every source (tests of the built relay skip without). */
export function buildIsFresh() {
  return oldestOutput() >= Math.max(...sources.map((source) => newestMtime(join(root, source))))
}

/** Runs `npm run build` when needed; exits the process if the build fails. */
export function buildIfStale(label) {
  if (buildIsFresh()) {
    return
  }
  process.stdout.write(`${label}: building client and server …\n`)
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) {
    process.stderr.write(`${label}: the build failed; see the output above.\n`)
    process.exit(build.status ?? 1)
  }
}

/**
 * Runs a compiled server command (`dist/server/server/src/<name>.js`) with
 * this process's environment and arguments, compiling the server first when
 * its build is missing or older than the sources; exits with its status.
 */
export function runServerCommand(name, label) {
  const entry = join(root, `dist/server/server/src/${name}.js`)
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0
  if (built < Math.max(newestMtime(join(root, 'server/src')), newestMtime(join(root, 'shared/src')))) {
    const build = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0) {
      process.stderr.write(`${label}: the server build failed; see the output above.\n`)
      process.exit(build.status ?? 1)
    }
  }
  const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: 'inherit', env: process.env })
  process.exit(run.status ?? 1)
}
