/**
 * Fallbuch is meant to be installed (a PWA that works offline): Chromium
 * finds nothing that stops the install of the logged-in app on a phone —
 * a manifest with a 192 and a 512 px icon (and a maskable one for round
 * launchers), a service worker — every icon it names loads as a PNG of the
 * size it claims, and the page's own icon (`/favicon.svg`) loads, so the
 * browser asks for no `/favicon.ico` that is not there (a 404 in every
 * person's console until now).
 */
import { describe, expect, it } from 'vitest'
import { setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { builtClientDir, chromiumPath, launchChromiumProfile } from './browser.js'
import { loginViaForm } from './pages.js'


/** Width and height from a PNG's header (IHDR follows the 8-byte signature). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

interface ManifestIcon {
  src: string
  sizes: string
  type: string
  purpose?: string
}

describe.skipIf(chromiumPath === null)('installing the app (reason for skip: no Chromium here, see browser.ts)', () => {
  it('offers the install on a phone, with icons that load at their sizes, and asks for no missing favicon', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    // A profile per attempt: a retried test does not find the first attempt's Chromium holding it.
    const context = await launchChromiumProfile({ viewport: { width: 390, height: 844 } })
    const page = context.pages()[0] ?? (await context.newPage())
    const failed: string[] = []
    page.on('response', (response) => {
      // Before the login the session check answers 401, as it should.
      if (response.status() >= 400 && !response.url().endsWith('/api/me')) {
        failed.push(`${response.status()} ${response.url()}`)
      }
    })
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
    await page.waitForURL(`${relay.url}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })

    const cdp = await context.newCDPSession(page)
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])

    const { data } = await cdp.send('Page.getAppManifest')
    const manifest = JSON.parse(data ?? '{}') as { name: string; lang: string; icons: ManifestIcon[] }
    expect(manifest).toMatchObject({ name: 'Fallbuch', lang: 'de' })
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true)
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, relay.url).href)
      expect(response.status(), icon.src).toBe(200)
      expect(response.headers()['content-type']).toContain('image/png')
      const { width, height } = pngSize(await response.body())
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes)
    }

    const favicon = await page.locator('link[rel="icon"]').getAttribute('href')
    expect(favicon).toBe('/favicon.svg')
    const svg = await page.request.get(new URL(favicon ?? '', relay.url).href)
    expect(svg.status()).toBe(200)
    expect(svg.headers()['content-type']).toContain('image/svg+xml')
    // The browser has had its chance to ask for /favicon.ico by now.
    await page.reload()
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(failed).toEqual([])
  }, 120_000)
})
