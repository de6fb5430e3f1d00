import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll } from 'vitest'
import { chromiumInstallHint, findChromium } from '../helpers/findChromium.mjs'

/** The built client the relay serves in end-to-end tests. */
export const builtClientDir = join(dirname(fileURLToPath(import.meta.url)), '../../dist/client')

/**
 * Whether end-to-end tests can run here. Without Chromium they are skipped
 * locally (with the reason printed) and fail under CI=true, where they are
 * required.
 */
export const chromiumPath = findChromium()
if (chromiumPath === null) {
  const message = `No Chromium found for the end-to-end tests: ${chromiumInstallHint}`
  if (process.env.CI === 'true') {
    throw new Error(message)
  }
  process.stdout.write(`${message}\n`)
}
if (!existsSync(join(builtClientDir, 'index.html'))) {
  throw new Error('The client is not built: run `npm run build` first (npm test does it for you).')
}

/** Launches headless Chromium; closed when the test file ends. */
export async function launchChromium(): Promise<Browser> {
  if (chromiumPath === null) {
    throw new Error(`No Chromium: ${chromiumInstallHint}`)
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Without the background-networking flags Chromium keeps calling out to
    // hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  afterAll(() => browser.close())
  return browser
}
