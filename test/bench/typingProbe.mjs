/**
 * How the browser scenario types and times keys, and the same-run
 * references for it (issue 21, point 7: targets next to references measured
 * in the same run). Fallbuch's typing figure is read against two plain
 * pages typed the same way in the same Chromium:
 *
 * - "plain page, 1 line": a contenteditable holding one short line and no
 *   script. What the probe itself measures on this machine: a key lands at
 *   some point of a frame, and its paint waits for the next one.
 * - "plain page, same note": a contenteditable with the same paragraphs as
 *   Fallbuch's long note, laid out as Fallbuch lays out a long text
 *   (`content-visibility: auto` per paragraph, client/src/styles.css), and
 *   the same appends to its first paragraph five times a second, made by a
 *   timer in the page. What the browser alone costs for that text; the rest
 *   of Fallbuch's figure is its own work (ProseMirror, Yjs, the socket).
 */
/* global document, window, requestAnimationFrame, getSelection -- page.evaluate() callbacks run in the browser */
import { setTimeout as sleep } from 'node:timers/promises'

/** The references' names, as the table prints them. */
export const PlainOneLineName = 'plain page, 1 line'
export const PlainSameNoteName = 'plain page, same note'

/** One sentence of the long note; `longNoteParagraphs` repeats it. */
const NoteSentence = 'Frau K. hat die Kassenabrechnung heute ohne Nachfrage erledigt, die Checkliste liegt am Platz. '
const CharactersPerPage = 3_000
/** What is typed, one character per key. */
const TypedText = 'Heute hat sie die Liste allein abgehakt und danach die Ablage sortiert. '
/** Pause after each key: a brisk typist, and room for the page to paint. */
const KeyGapMs = 30
/** How often the co-editor (or the plain page's timer) appends to the first paragraph. */
export const AppendEveryMs = 200

/** The paragraphs of a long note of `pages` pages (about 3,000 characters a page). */
export function longNoteParagraphs(pages) {
  const count = Math.ceil((pages * CharactersPerPage) / (NoteSentence.length * 6))
  return Array.from({ length: count }, (_unused, i) => `${i + 1}. ${NoteSentence.repeat(6)}`)
}

/** Installs the keydown -> after-paint probe in the page; latencies collect in window.__benchLatencies. */
export async function installTypingProbe(page) {
  await page.evaluate(() => {
    window.__benchLatencies = []
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp
        requestAnimationFrame(() => {
          // The first task after the frame runs once it is painted.
          const channel = new MessageChannel()
          channel.port1.onmessage = () => window.__benchLatencies.push(performance.now() - start)
          channel.port2.postMessage(null)
        })
      },
      true,
    )
  })
}

/** The renderer main thread's task and script time so far (CDP Performance metrics, seconds). */
async function mainThreadSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics')
  const value = (name) => metrics.find((metric) => metric.name === name)?.value ?? Number.NaN
  return { task: value('TaskDuration'), script: value('ScriptDuration') }
}

/**
 * Types `keys` keys into the focused element at the bench's cadence and
 * returns the probe's latencies and the main thread's CPU time per key
 * (all of its tasks, and script). The probe must be installed.
 */
export async function typeAndTime(context, page, keys) {
  // The page's main-thread time in CPU time (threadTicks), not wall time:
  // the work per key, which other load on the machine does not inflate.
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const before = await mainThreadSeconds(cdp)
  for (let i = 0; i < keys; i += 1) {
    await page.keyboard.type(TypedText[i % TypedText.length])
    await sleep(KeyGapMs)
  }
  await sleep(300)
  const after = await mainThreadSeconds(cdp)
  await cdp.detach()
  const latencies = await page.evaluate(() => window.__benchLatencies)
  return { latencies, cpuPerKeyMs: ((after.task - before.task) * 1_000) / keys, scriptPerKeyMs: ((after.script - before.script) * 1_000) / keys }
}

/** Throws unless `text` (the last paragraph after typing) ends with what `keys` keys typed: the keys went where the bench meant them to. */
export function checkTypedAtEnd(where, text, keys) {
  const expected = TypedText.repeat(Math.ceil(keys / TypedText.length)).slice(0, keys)
  if (!text.endsWith(expected)) {
    throw new Error(`${where}: the last paragraph does not end with the typed text (it ends "${text.slice(-40)}")`)
  }
}

/** The plain page: a contenteditable of `paragraphs`, styled as Fallbuch's long text when `long`. */
function plainPage(paragraphs, long) {
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  const style = long ? '#note > p { content-visibility: auto; contain-intrinsic-size: auto 1.5em; overflow-clip-margin: 12em; }' : ''
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>body { font: 16px/1.5 sans-serif; margin: 1rem; } #note { white-space: pre-wrap; max-width: 45rem; } ${style}</style></head><body><div id="note" contenteditable="true">${paragraphs.map((text) => `<p>${escape(text)}</p>`).join('')}</div></body></html>`
}

/**
 * Types into a plain page (no app, no socket) in a new context of
 * `browser`; `appends`: a timer in the page appends to the first paragraph
 * every AppendEveryMs meanwhile. Returns what typeAndTime returns.
 */
export async function measurePlainTyping(browser, { paragraphs, long, appends, keys }) {
  const context = await browser.newContext({ locale: 'de-DE' })
  try {
    const page = await context.newPage()
    await page.setContent(plainPage(paragraphs, long))
    // The caret at the very end, set directly: with content-visibility the
    // browser's own Ctrl+End stops short (longText.ts).
    await page.evaluate(() => {
      const note = document.getElementById('note')
      note.focus()
      const last = note.lastElementChild.firstChild
      getSelection().collapse(last, last.length)
    })
    await installTypingProbe(page)
    if (appends) {
      await page.evaluate((every) => {
        window.__benchAppender = setInterval(() => document.getElementById('note').firstElementChild.firstChild.appendData(' Nachtrag'), every)
      }, AppendEveryMs)
    }
    const typed = await typeAndTime(context, page, keys)
    const text = await page.evaluate(() => {
      clearInterval(window.__benchAppender)
      return document.getElementById('note').lastElementChild.textContent
    })
    checkTypedAtEnd('the plain page', text, keys)
    return typed
  } finally {
    await context.close()
  }
}
