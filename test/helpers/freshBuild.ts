/**
 * Whether `dist/` holds a build of the current sources: `npm test` builds
 * before the tests run, but a bare vitest run may lack (or have a stale)
 * build. Tests of the built relay skip with a reason without one.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = process.cwd()

/** The built relay's entry point (`npm start` runs it). */
export const builtServerEntry = join(root, 'dist/server/server/src/main.js')

function newestSource(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => (name === 'node_modules' ? 0 : newestSource(join(path, name)))))
}

/** True when the server and client builds exist and are newer than every source file. */
export function hasFreshBuild(): boolean {
  const clientEntry = join(root, 'dist/client/index.html')
  return (
    existsSync(builtServerEntry) &&
    existsSync(clientEntry) &&
    Math.min(statSync(builtServerEntry).mtimeMs, statSync(clientEntry).mtimeMs) >= Math.max(...['client', 'server', 'shared'].map((dir) => newestSource(join(root, dir))))
  )
}
