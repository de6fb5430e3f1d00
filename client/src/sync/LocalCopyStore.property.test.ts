// @vitest-environment jsdom
/**
 * The local copy's promise, against every order of events fast-check finds
 * (issue 21, point 3: nothing lost): two tabs of one user edit the same
 * case offline, each writing its updates in batches and compacting the copy
 * into one snapshot (on its own after a long tail, or when asked), tabs
 * closed and opened again in between. Once both are closed, the copy opened
 * afresh holds every edit either tab made.
 */
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { LocalCopyStore } from './LocalCopyStore.js'
import { loadLocalCopy } from './localRecovery.js'

type Event =
  | { kind: 'edit'; tab: number; count: number }
  | { kind: 'flush'; tab: number }
  | { kind: 'compact'; tab: number }
  | { kind: 'settle'; tab: number }
  | { kind: 'reopen'; tab: number }
  | { kind: 'wait'; ms: number }

const tab = fc.nat({ max: 1 })
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), tab, count: fc.integer({ min: 1, max: 3 }) }) },
  fc.record({ kind: fc.constant('flush' as const), tab }),
  fc.record({ kind: fc.constant('compact' as const), tab }),
  fc.record({ kind: fc.constant('settle' as const), tab }),
  fc.record({ kind: fc.constant('reopen' as const), tab }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.nat({ max: 4 }) }),
)

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let databases = 0

/** One tab: its document and the store writing it, opened as a room opens its copy. */
async function openTab(name: string): Promise<{ doc: Y.Doc; store: LocalCopyStore }> {
  const doc = new Y.Doc()
  const loaded = await loadLocalCopy(name, (update) => Y.applyUpdate(doc, update, 'local'), { keepOpen: true })
  expect(loaded.problem).toBeNull()
  const store = new LocalCopyStore(loaded.db as IDBDatabase, doc, {
    storedKeys: loaded.keys ?? [],
    origin: 'local',
    onWriteError: (error) => expect.fail(String(error)),
    // Short, so batches and the compaction after a long tail happen inside a run too.
    batchWindowMs: 1,
    compactDelayMs: 3,
  })
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'local') {
      store.store(update)
    }
  })
  return { doc, store }
}

/** The edits (tokens) a document's note holds, sorted. */
const editsIn = (doc: Y.Doc): string[] => (doc.getText('note').toString().match(/<\d+>/g) ?? []).sort()

async function run(events: readonly Event[]): Promise<void> {
  databases += 1
  const name = `fallbuch-localcopy-property-${databases}`
  const tabs = [await openTab(name), await openTab(name)]
  const made: string[] = []
  let next = 1
  for (const step of events) {
    const current = step.kind === 'wait' ? undefined : tabs[step.tab]
    switch (step.kind) {
      case 'edit':
        for (let edit = 0; edit < step.count; edit += 1) {
          const token = `<${next++}>`
          made.push(token)
          current?.doc.getText('note').insert(0, token)
        }
        break
      case 'flush':
        current?.store.flush()
        break
      case 'compact':
        current?.store.compact()
        break
      case 'settle':
        await current?.store.settled()
        break
      case 'reopen':
        // The tab is closed (what it batched is written) and opened again from the copy.
        if (current !== undefined) {
          await current.store.close()
          tabs[step.tab] = await openTab(name)
        }
        break
      case 'wait':
        await sleep(step.ms)
        break
    }
  }
  for (const each of tabs) {
    await each.store.close()
  }
  const loaded = new Y.Doc()
  const read = await loadLocalCopy(name, (update) => Y.applyUpdate(loaded, update))
  expect(read.problem).toBeNull()
  expect(editsIn(loaded)).toEqual([...made].sort())
}

describe('LocalCopyStore in two tabs, against every order of edits, batches, compactions and reopenings', () => {
  it('keeps every edit of either tab in the copy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 25 }), (events) => run(events)),
      { numRuns: 200 },
    )
  }, 120_000)
})
