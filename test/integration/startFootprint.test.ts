/**
 * What a relay on its embedded default loads at start (issue 21, memory):
 * packages that only some requests need — pdfkit (PDF exports), nodemailer
 * (only with SMTP_URL, at the first mail), pg and ioredis (only the
 * scaled-out mode) — are loaded when first needed, not by every process at
 * start: one by one they added about 28 MB to a relay's RSS. The built
 * relay runs with a module hook that writes down every module it loads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { embeddedEnv } from '../helpers/embeddedEnv.js'
import { spawnTracked, stopProcess, waitForOutput } from '../helpers/processes.js'
import { freePort } from '../helpers/relayProcess.js'
import { buildIsFresh, serverEntry } from '../../scripts/buildIfStale.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'fallbuch-start-footprint-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
const built = buildIsFresh()

/** The packages named in the module URLs of `log` (one URL per line). */
function packagesIn(log: string): Set<string> {
  const names = new Set<string>()
  for (const match of log.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) {
    names.add(match[1] ?? '')
  }
  return names
}

describe.skipIf(!built)(`the relay at start${built ? '' : ' — NOT RUN: no fresh build (npm test builds first)'}`, () => {
  it('loads neither pdfkit nor nodemailer nor pg nor ioredis on SQLite', async () => {
    const loaded = join(scratch, 'loaded.txt')
    writeFileSync(loaded, '')
    const hooks = join(scratch, 'hooks.mjs')
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs'\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(loaded)}, url + '\\n')\n  return next(url, context)\n}\n`,
    )
    const register = join(scratch, 'register.mjs')
    writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
    const port = await freePort()
    const child = spawnTracked(process.execPath, ['--import', pathToFileURL(register).href, serverEntry], {
      env: embeddedEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(scratch, 'data'), LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      await waitForOutput(child, () => output, /Fallbuch relay listening/, 60_000)
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    } finally {
      await stopProcess(child)
    }
    const packages = packagesIn(readFileSync(loaded, 'utf8'))
    // The hook saw the relay's own packages load, so an absence below means something.
    expect(packages).toContain('yjs')
    expect(packages).toContain('better-sqlite3')
    expect(packages).toContain('zod')
    for (const later of ['pdfkit', 'nodemailer', 'pg', 'ioredis']) {
      expect(packages, `${later} was loaded at start`).not.toContain(later)
    }
  }, 90_000)
})
