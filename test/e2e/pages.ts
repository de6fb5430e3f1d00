/**
 * Page helpers for the end-to-end tests: locators by data-testid
 * (`area.element`) and the few steps every journey repeats.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

/** The element with a data-testid. */
export function byTestId(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"]`)
}

/** Logs in through the login form and waits for the start page (the case list, "no cases", or a supervisor's group copies). */
export async function loginViaForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await byTestId(page, 'login.email').fill(email)
  await byTestId(page, 'login.password').fill(password)
  await byTestId(page, 'login.submit').click()
  await byTestId(page, 'cases.list').or(byTestId(page, 'cases.empty')).or(byTestId(page, 'start.group-copies')).first().waitFor()
}

/** Opens a case's notes tab and returns the editor of a phase. */
export async function openPhaseNotes(page: Page, baseUrl: string, caseId: string, phase: string): Promise<Locator> {
  await page.goto(`${baseUrl}/cases/${caseId}`)
  // On a phone the tab may sit in the "Mehr" menu.
  await openCaseTab(page, 'notes')
  const editor = byTestId(page, `notes.editor.${phase}`)
  await editor.waitFor()
  return editor
}

/** Opens a case's plan and waits until it shows and is synced. */
export async function openPlan(page: Page, baseUrl: string, caseId: string): Promise<void> {
  await page.goto(`${baseUrl}/cases/${caseId}`)
  await byTestId(page, 'plan.editor').waitFor()
  await waitForSyncState(page, 'synced')
}

/** Someone who logs in through the form (test/helpers/apiClient's LoggedIn fits). */
export interface Login {
  user: { email: string }
  password: string
}

/**
 * Two people in browser contexts of their own, logged in and both on the
 * same case's plan, synced: the start of every test of two people in one
 * plan (co-editing, a refusal one of them meets).
 */
export async function twoOnThePlan(
  browser: { newContext(options?: object): Promise<BrowserContext> },
  baseUrl: string,
  caseId: string,
  first: Login,
  second: Login,
): Promise<[{ context: BrowserContext; page: Page }, { context: BrowserContext; page: Page }]> {
  const people = [await newPerson(browser), await newPerson(browser)] as const
  await loginViaForm(people[0].page, baseUrl, first.user.email, first.password)
  await loginViaForm(people[1].page, baseUrl, second.user.email, second.password)
  await openPlan(people[0].page, baseUrl, caseId)
  await openPlan(people[1].page, baseUrl, caseId)
  return [people[0], people[1]]
}

/** Types at the end of a rich-text editor, as a person would. */
export async function typeAtEnd(page: Page, editor: Locator, text: string): Promise<void> {
  // Focused, not clicked: ProseMirror takes a click's caret after the mouseup, and a Ctrl+End
  // pressed at once could lose to it, so the text went where the click was (in the middle of
  // a note, before earlier sentences); a person is never that fast.
  // What the click waited for: the editor shown, steady and editable (after a reload it opens
  // from the local copy first).
  await editor.click({ trial: true })
  await editor.and(page.locator('[contenteditable="true"]')).waitFor()
  await editor.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text, { delay: 5 })
}

/** The sync state the header shows (`data-state` of the indicator). */
export async function syncState(page: Page): Promise<string | null> {
  return byTestId(page, 'sync.state').getAttribute('data-state')
}

/** Waits until the header shows a sync state. */
export async function waitForSyncState(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector('[data-testid="sync.state"]')?.getAttribute('data-state') === wanted,
    state,
    { timeout },
  )
}

/** Waits until the service worker controls the page, so it loads offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if ((await page.evaluate(() => navigator.serviceWorker.controller !== null)) === false) {
    // clients.claim() hands control over asynchronously; a reload settles it.
    await page.reload()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  }
}

/** Creates a fresh browser context (its own cookies, IndexedDB and service worker); `options` e.g. a phone's viewport. */
export async function newPerson(
  browser: { newContext(options?: object): Promise<BrowserContext> },
  options: object = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', ...options })
  const page = await context.newPage()
  return { context, page }
}

/** The text of a rich-text editor without the other people's caret labels. */
export async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) {
      caret.remove()
    }
    return Array.from(copy.children, (block) => block.textContent ?? '').join('\n')
  })
}

/**
 * Runs a step; when it fails, writes what the person saw (address, alerts and
 * status lines, the sync state, a screenshot under the OS temp folder) to the
 * test output before rethrowing, so a failure under CI's load can be read.
 */
export async function explainFailure<T>(page: Page, what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (err) {
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const shot = join(tmpdir(), `fallbuch-e2e-${what.replace(/\W+/g, '-')}-${Date.now()}.png`)
    const seen = await page
      .evaluate(() => ({
        sync: document.querySelector('[data-testid="sync.state"]')?.getAttribute('data-state') ?? null,
        notices: Array.from(document.querySelectorAll('[role="alert"], [role="status"]'), (el) => el.textContent?.trim() ?? ''),
        testIds: Array.from(document.querySelectorAll('[data-testid]'), (el) => el.getAttribute('data-testid')).slice(0, 60),
      }))
      .catch((evaluateError: unknown) => ({ error: String(evaluateError) }))
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined)
    process.stdout.write(`\n[${what}] failed at ${page.url()}\n${JSON.stringify(seen, null, 1)}\nscreenshot: ${shot}\n`)
    throw err
  }
}

/** The names of the page origin's IndexedDB databases (`indexedDB.databases()`). */
export async function indexedDbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).flatMap((info) => (info.name === undefined ? [] : [info.name])))
}

/** The IndexedDB database of one room for one user (as client/src/sync/localData.ts names it). */
export function roomDatabase(userId: string, roomName: string): string {
  return `fallbuch:${userId}:${roomName}`
}

/**
 * Opens a case tab as a person would: from the tab row, or from the "Mehr"
 * menu where a screen with many tabs keeps the occasional ones (issue 16).
 */
export async function openCaseTab(page: Page, name: string): Promise<void> {
  // The process tabs carry their own test ids (client/src/app/case/screen/caseTabs.ts).
  const tab = byTestId(page, ['process', 'meetings', 'hours'].includes(name) ? `${name}.tab` : `case.tab.${name}`)
  await tab.or(byTestId(page, 'case.tab.more')).first().waitFor()
  if (!(await tab.isVisible()) && (await byTestId(page, 'case.tab.more').count()) > 0) {
    await byTestId(page, 'case.tab.more').click()
  }
  await tab.click()
}

/** Fails when the page is wider than the viewport, naming the first elements that reach past the right edge. */
export async function noHorizontalOverflow(page: Page): Promise<void> {
  const wide = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.dataset.testid ? `[${element.dataset.testid}]` : ''}.${element.className}`),
  )
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), wide.join(' | ')).toBeLessThanOrEqual(0)
}

/** Whether the page fits its width (no sideways scrolling, e.g. at 390 px). */
export async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
}
