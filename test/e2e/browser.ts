import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core'
import { whenDone } from '../helpers/whenDone.js'
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

/** The Chromium binary to launch; a test that gets here without one fails with how to install it. */
function chromiumExecutable(): string {
  if (chromiumPath === null) {
    throw new Error(`No Chromium: ${chromiumInstallHint}`)
  }
  return chromiumPath
}

/**
 * One headless Chromium per test worker, shared by the files it runs (they
 * share modules: vitest.config.ts). Launching one took about 1 s here and
 * closing it 0.3 s, for each of the 44 tests that asked for one. Playwright
 * kills it when the worker exits; a browser that crashed is launched anew.
 */
let shared: Promise<Browser> | null = null

async function sharedChromium(): Promise<Browser> {
  const running = shared === null ? null : await shared.catch(() => null)
  if (running !== null && running.isConnected()) {
    return running
  }
  shared = chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: ChromiumArgs })
  return shared
}

/** What a test gets of the browser: windows of its own, and closing them. */
export type TestBrowser = Pick<Browser, 'newContext' | 'close'>

/**
 * Headless Chromium for a test: the worker's browser, through a handle
 * whose contexts are the test's own (each a private window with its own
 * cookies, storage and service workers). The handle's `close()`, and the
 * end of the calling test (or file, outside a test), close those contexts,
 * not the browser.
 */
export async function launchChromium(): Promise<TestBrowser> {
  const browser = await sharedChromium()
  const contexts = new Set<BrowserContext>()
  let closed = false
  const close = async (): Promise<void> => {
    closed = true
    await Promise.all([...contexts].map((context) => context.close().catch(() => undefined)))
  }
  whenDone(close)
  return {
    async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
      if (closed) {
        throw new Error('this test closed its browser')
      }
      const context = await browser.newContext(options)
      contexts.add(context)
      context.once('close', () => contexts.delete(context))
      return context
    },
    close,
  }
}

// Without the background-networking flags Chromium keeps calling out to hosts this machine cannot reach.
const ChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Headless Chromium with a profile of its own (a new folder per call), as a
 * person's installed browser runs (the contexts of `launchChromium` are
 * private windows, where Chromium offers no app install). Closed, and its
 * profile deleted, when the calling test ends (or the file, outside a test).
 */
export async function launchChromiumProfile(options: { viewport: { width: number; height: number } }): Promise<BrowserContext> {
  const executablePath = chromiumExecutable()
  const profile = mkdtempSync(join(tmpdir(), 'fallbuch-profile-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ChromiumArgs, locale: 'de-DE', ...options })
  // In order: Chromium writes into its profile until it has closed.
  whenDone(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
  return context
}
