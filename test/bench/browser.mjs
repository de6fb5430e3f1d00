/**
 * Scenario 5, browser (Fallbuch only: the relays used as references have
 * no client; the typing has plain pages as references, typingProbe.mjs). The
 * built client served by the built server, in Chromium via playwright-core:
 *
 * - editable from IndexedDB: a case whose four phase notes hold `edits`
 *   edits in all (several sessions, typing at places in the last paragraphs,
 *   some deletions) and whose plan has `goals` goals is opened once online
 *   (the service worker and y-indexeddb keep it), then the relay is stopped,
 *   the network is switched off and the page reloaded: time from navigation
 *   start until all four note editors are editable and hold their last edit
 *   (the address keeps ?tab=notes: no click);
 * - typing: in another case, a phase note of `typingPages` pages (about
 *   3,000 characters a page), once the service worker is ready; while a
 *   second client (a raw socket from this process) appends to the same note five times a second, `keys` keys are
 *   typed at its end; latency per key from the keydown event to the first
 *   task after the next animation frame (after paint).
 *
 * Logs in with the bench account's session cookie (relays.mjs made it
 * through /api/setup) instead of the login form.
 */
/* global document -- page.evaluate() callbacks run in the browser */
import { chromium } from 'playwright-core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromiumInstallHint, findChromium } from '../helpers/findChromium.mjs'
import { Phases, largeCase, longNoteCase } from './browserCases.mjs'
import { closeAll, openWriter } from './protocol.mjs'
import { runWithDeadline, withTimeout } from './deadline.mjs'
import { startFallbuch } from './relays.mjs'
import { quantile } from './stats.mjs'
import { AppendEveryMs, checkTypedAtEnd, installTypingProbe, longNoteParagraphs, measurePlainTyping, PlainOneLineName, PlainSameNoteName, typeAndTime } from './typingProbe.mjs'

/** The parts of the scenario, in the order they run. */
export const BrowserParts = ['typing', 'editable']

/** Opens a case's notes tab (as test/e2e/pages.ts openPhaseNotes does) and waits until its editors show `markers`. */
async function openNotes(page, baseUrl, caseId, markers) {
  await page.goto(`${baseUrl}/cases/${caseId}`)
  await page.locator('[data-testid="case.tab.notes"]').click()
  await waitEditable(page, markers, 120_000)
}

/** Resolves with the page's performance.now() (ms since navigation start) once every editor is editable and shows its marker. */
function waitEditable(page, markers, timeout) {
  return page
    .waitForFunction(
      (wanted) => {
        const ready = wanted.every(([phase, marker]) => {
          const editor = document.querySelector(`[data-testid="notes.editor.${phase}"]`)
          return editor !== null && editor.getAttribute('contenteditable') === 'true' && (marker === '' || (editor.lastElementChild?.textContent ?? '').includes(marker))
        })
        return ready ? performance.now() : false
      },
      markers,
      { polling: 'raf', timeout },
    )
    .then((handle) => handle.jsonValue())
}

/** The table's typing figures of one run. */
function typingSample({ latencies, cpuPerKeyMs, scriptPerKeyMs }) {
  return {
    typingP50: quantile(latencies, 0.5),
    typingP99: quantile(latencies, 0.99),
    typingMax: quantile(latencies, 1),
    typingCpuPerKey: cpuPerKeyMs,
    typingScriptPerKey: scriptPerKeyMs,
  }
}

function typingLine(sample) {
  return `p50 ${sample.typingP50.toFixed(1)} / p99 ${sample.typingP99.toFixed(1)} ms; main thread ${sample.typingCpuPerKey.toFixed(2)} ms CPU per key (script ${sample.typingScriptPerKey.toFixed(2)})`
}

/** Launches Debian's Chromium headless, as test/e2e/browser.ts does. */
function launchChromium(executablePath) {
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    // As test/e2e/browser.ts: without these Chromium calls out to hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}

/** A new logged-in context and page on the relay (the bench account's session cookie). */
async function loggedInPage(browser, relay) {
  const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })
  await context.addCookies([{ name: 'fb_session', value: relay.cookie.slice('fb_session='.length), url: relay.url }])
  const page = await context.newPage()
  page.setDefaultTimeout(PageTimeoutMs)
  return { context, page }
}

/** Longest single wait on the page (an open, a key press). */
const PageTimeoutMs = 120_000

/**
 * Typing in a phase note of `typingPages` pages while another client
 * appends to it; returns the keydown -> painted latencies of `keys` keys
 * and the main thread's CPU time per key (all of its tasks, and script).
 */
async function measureTyping(browser, relay, { typingPages, keys }, notes, runLabel) {
  // BENCH_TYPING_COMMENTS=n: n tandem comments in the note (default none, as in the README's figures).
  const longNote = await longNoteCase(relay, typingPages, Number(process.env.BENCH_TYPING_COMMENTS ?? 0) || 0)
  const { context, page } = await loggedInPage(browser, relay)
  try {
    const markers = Phases.map((phase) => [phase, ''])
    await openNotes(page, relay.url, longNote.caseId, markers)
    // Typing as on a device where the app is installed. Until 2026-12-03
    // the first keys ran while the service worker of this fresh context
    // precached the app: once the bundle was split into 58 files, the first
    // ten keys took 35-95 ms each then, and set the p99.
    await withTimeout(
      page.evaluate(async () => {
        await navigator.serviceWorker.ready
      }),
      30_000,
      'the service worker was not ready within 30 s of opening the case',
    )
    const editor = page.locator('[data-testid="notes.editor.analysis"]')
    await editor.click()
    await page.keyboard.press('Control+End')
    const other = await openWriter(longNote)
    const otherText = other.doc.getXmlFragment('phase:analysis')
    let appended = 0
    const otherTimer = setInterval(() => {
      const first = otherText.get(0)?.get(0)
      first?.insert(first.length, ' Nachtrag')
      appended += 1
    }, AppendEveryMs)
    await installTypingProbe(page)
    const profiler = await startProfile(context, page, 'typing')
    let typed
    try {
      typed = await typeAndTime(context, page, keys)
    } finally {
      clearInterval(otherTimer)
    }
    await profiler.stop()
    checkTypedAtEnd('Fallbuch', await editor.evaluate((element) => element.lastElementChild?.textContent ?? ''), keys)
    if (other.closedUnexpectedly) {
      notes.push(`${runLabel}: the relay closed the other client's socket while it appended`)
    }
    await closeAll([other])
    if (typed.latencies.length !== keys) {
      notes.push(`${runLabel}: ${typed.latencies.length} of ${keys} key latencies recorded`)
    }
    if (appended < 2) {
      notes.push(`${runLabel}: the other client appended only ${appended} times`)
    }
    return typed
  } finally {
    await context.close()
  }
}

/**
 * Editable from IndexedDB with the network off: opens the large case once
 * online, stops the relay, reloads offline; returns `{ first, second }`:
 * the ms from navigation start until every note editor is editable and
 * shows its last paragraph, for that first offline open and for a second
 * offline reload right after. The first is the service worker's first
 * serving of the app's modules: Chromium parses them and V8 writes their
 * code cache then (about 80 ms of the main thread and 100-170 ms of
 * background parsing before the modules run, in a trace of 2026-12-05).
 * The second finds that cache, as every later open of an installed app
 * does (and whatever else the first left warm: the running service worker,
 * the database's pages in the system's cache). The local copy is one
 * snapshot at both opens (a CPU profile of the first showed no merge).
 */
async function measureEditable(browser, relay, { edits, goals }) {
  const bigCase = await largeCase(relay, { edits, goals })
  const { context, page } = await loggedInPage(browser, relay)
  try {
    const bigMarkers = Phases.map((phase) => [phase, `Ende ${phase}`])
    await openNotes(page, relay.url, bigCase, bigMarkers)
    // navigator.serviceWorker.ready never settles when no worker registers: bounded.
    await withTimeout(
      page.evaluate(async () => {
        await navigator.serviceWorker.ready
      }),
      30_000,
      'the service worker was not ready within 30 s of opening the case',
    )
    // Give y-indexeddb time to store what the relay sent.
    await sleep(1_500)
    await relay.stop()
    await context.setOffline(true)
    const profiler = await startProfile(context, page, 'editable')
    const url = new URL(page.url())
    if (url.searchParams.get('tab') !== 'notes') {
      throw new Error(`the notes tab is not in the address (${url.pathname}${url.search}): the reload would open another tab`)
    }
    const openOffline = async () => {
      await page.reload({ waitUntil: 'commit' })
      // The reload keeps ?tab=notes, so the notes open without a click, as for
      // a coach reloading them. Until the session of 2026-12-03 the bench also
      // clicked the tab: that put Playwright's wait for a stable element (about
      // 300-400 ms after the editors were laid out, in a trace) into the figure.
      // BENCH_EDITABLE_CLICK=1 measures the old way, for comparisons.
      if (process.env.BENCH_EDITABLE_CLICK === '1') {
        await page.locator('[data-testid="case.tab.notes"]').click()
      }
      return waitEditable(page, bigMarkers, PageTimeoutMs)
    }
    const first = await openOffline()
    await profiler.stop()
    // Let the local copy's writers and V8's cache writes settle, as between two opens.
    await sleep(2_000)
    // BENCH_BROWSER_PROFILE_SECOND=1: the second open is recorded too (its files are named editable-second-*).
    const secondProfiler = process.env.BENCH_BROWSER_PROFILE_SECOND === '1' ? await startProfile(context, page, 'editable-second') : null
    const second = await openOffline()
    await secondProfiler?.stop()
    return { first, second }
  } finally {
    await context.close()
  }
}

/**
 * BENCH_BROWSER_PROFILE=dir: a V8 CPU profile and a timeline trace of the
 * offline open and of the typing are written there (open them in Chromium's
 * Performance panel, or summarise the profile with
 * test/bench/profileSummary.mjs); otherwise nothing is recorded. With
 * BENCH_BROWSER_TRACE_ONLY=1 only the trace: the sampling profiler alone
 * stretched the offline open by a third (895 against 630 ms, 2026-12-05).
 * BENCH_BROWSER_TRACE_CATEGORIES=a,b: more trace categories (e.g.
 * disabled-by-default-devtools.timeline.invalidationTracking).
 */
async function startProfile(context, page, part) {
  const dir = process.env.BENCH_BROWSER_PROFILE
  if (!dir) {
    return { stop: async () => {} }
  }
  const browser = context.browser()
  const stamp = Date.now()
  mkdirSync(dir, { recursive: true })
  // The timeline shows what a CPU profile lumps together as "(program)": style, layout, paint, parsing.
  await browser.startTracing(page, { path: join(dir, `${part}-${stamp}.trace.json`), categories: ['devtools.timeline', 'blink', 'v8', ...(process.env.BENCH_BROWSER_TRACE_CATEGORIES ?? '').split(',').filter(Boolean)] })
  if (process.env.BENCH_BROWSER_TRACE_ONLY === '1') {
    return { stop: () => browser.stopTracing().then(() => undefined) }
  }
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop')
      await browser.stopTracing()
      const file = join(dir, `${part}-${stamp}.cpuprofile`)
      writeFileSync(file, JSON.stringify(profile))
      process.stdout.write(`   CPU profile (${part}): ${file}\n`)
    },
  }
}

/** Closes the browser, or gives up on it after a while (it is killed with this process then). */
async function closeBrowser(browser) {
  if (browser !== null) {
    await withTimeout(browser.close(), 15_000, 'Chromium did not close').catch(() => {})
  }
}

/**
 * Runs the browser scenario; `log` prints progress. Each run gets a fresh
 * relay of the build in `root` and a fresh Chromium, and is bounded by
 * `runTimeoutMs`: a run that does not finish is reported as failed (a
 * note), its relay and browser stopped, and the next run starts. `parts`
 * picks typing and/or editable. Returns
 * `{ samples: [{ editableMs, editableSecondMs, typingP50, typingP99, typingMax, typingCpuPerKey, typingScriptPerKey }], references, notes, details }`;
 * `references`: the plain pages' typing samples by name (typingProbe.mjs).
 */
export async function browserBench(root, { edits, goals, typingPages, keys, opens }, log, { parts = BrowserParts, runTimeoutMs = 600_000 } = {}) {
  const executablePath = findChromium()
  if (executablePath === null) {
    return { samples: [], notes: [`not run: no Chromium (${chromiumInstallHint})`], details: { edits } }
  }
  const notes = []
  const samples = []
  const references = { [PlainOneLineName]: [], [PlainSameNoteName]: [] }
  for (let run = 0; run < opens; run += 1) {
    const runLabel = `run ${run + 1}`
    let browser = null
    let relay = null
    const stopAll = async () => {
      await closeBrowser(browser)
      await relay?.stop()
    }
    try {
      const sample = await runWithDeadline(
        `browser ${runLabel}`,
        runTimeoutMs,
        async () => {
          browser = await launchChromium(executablePath)
          relay = await startFallbuch(root)
          const sample = { editableMs: Number.NaN, editableSecondMs: Number.NaN, typingP50: Number.NaN, typingP99: Number.NaN, typingMax: Number.NaN, typingCpuPerKey: Number.NaN, typingScriptPerKey: Number.NaN }
          if (parts.includes('typing')) {
            Object.assign(sample, typingSample(await measureTyping(browser, relay, { typingPages, keys }, notes, runLabel)))
            log(`   ${runLabel}: typing ${typingLine(sample)}`)
            for (const [name, settings] of [
              [PlainOneLineName, { paragraphs: ['Erste Zeile. '], long: false, appends: false }],
              [PlainSameNoteName, { paragraphs: longNoteParagraphs(typingPages), long: true, appends: true }],
            ]) {
              const reference = typingSample(await measurePlainTyping(browser, { ...settings, keys }))
              references[name].push(reference)
              log(`   ${runLabel}: ${name}: typing ${typingLine(reference)}`)
            }
          }
          if (parts.includes('editable')) {
            const started = Date.now()
            const editable = await measureEditable(browser, relay, { edits, goals })
            sample.editableMs = editable.first
            sample.editableSecondMs = editable.second
            log(`   ${runLabel}: editable ${sample.editableMs.toFixed(0)} ms, a second open ${sample.editableSecondMs.toFixed(0)} ms (case written and opened in ${((Date.now() - started) / 1000).toFixed(1)} s)`)
          }
          return sample
        },
        stopAll,
      )
      samples.push(sample)
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
      notes.push(`${runLabel} failed: ${reason}`)
      log(`   ${runLabel} failed: ${reason}`)
      if (process.env.BENCH_DEBUG && err instanceof Error) {
        log(err.stack ?? '')
      }
    } finally {
      await stopAll()
    }
  }
  if (parts.includes('editable')) {
    notes.push(
      `editable: from navigation start of an offline reload (service worker; the address keeps ?tab=notes) to all four note editors contenteditable with their last paragraph${process.env.BENCH_EDITABLE_CLICK === '1' ? '; includes a click on the notes tab (BENCH_EDITABLE_CLICK=1)' : ''}; "second open": the next offline reload, which finds the modules' code cache that V8 wrote during the first and what else it left warm (the target is judged on the first)`,
    )
  }
  if (parts.includes('typing')) {
    if (Number(process.env.BENCH_TYPING_COMMENTS ?? 0) > 0) {
      notes.push(`typing: the note holds ${Number(process.env.BENCH_TYPING_COMMENTS)} tandem comments (BENCH_TYPING_COMMENTS)`)
    }
    notes.push(`typing references: typed the same way in the same Chromium (test/bench/typingProbe.mjs): "${PlainOneLineName}" one short line, no script (the probe's floor: a paint waits for the next frame); "${PlainSameNoteName}" the note's paragraphs as Fallbuch lays out a long text, a timer in the page appending to the first one as often as the co-editor`)
  }
  return { samples, references, notes, details: { edits, goals, typingPages, keys } }
}
