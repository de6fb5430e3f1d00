/**
 * The storage suite, run against both backends (contract §6): the rooms' update logs —
 * appends and their numbers, group commits, client ids, compaction, and
 * appends racing compactions and erasures.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newId } from '../../server/src/ids.js'
import { storedRoomsOfCopy } from '../../server/src/storage/rooms/roomNames.js'
import { CaseErasedError } from '../../server/src/storage/Storage.js'
import { buildUser, docOf, storageFactories, storageSuite, textUpdate, texts } from './support/storageSuite.js'

const factories = storageFactories()

describe.each(factories.map((factory) => [factory.name, factory] as const))('storage on %s: room logs', (_name, factory) => {
  const { fresh, withCase, open } = storageSuite(factory)

  describe.skipIf(factory.skip)('', () => {
    it('migrates a new store and opens a migrated one again with its data', async () => {
      const { storage, reopen } = await fresh()
      await storage.createUser(buildUser({ email: 'kept@example.org' }))
      await storage.close()
      open.splice(open.indexOf(storage), 1)
      const again = await reopen()
      expect((await again.findUserByEmail('kept@example.org'))?.email).toBe('kept@example.org')
    })

    it('appends room updates in order with increasing row numbers, and loads all or only those after a number', async () => {
      const { storage } = await fresh()
      const first = await storage.appendUpdates('cases/a/plan', [textUpdate('<1>'), textUpdate('<2>')])
      await storage.appendUpdates('cases/b/plan', [textUpdate('<other room>')])
      const second = await storage.appendUpdates('cases/a/plan', [textUpdate('<3>')])
      expect(first.seqs).toHaveLength(2)
      expect(second.seqs).toHaveLength(1)
      const seqs = [...first.seqs, ...second.seqs]
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(new Set(seqs).size).toBe(3)
      const all = await storage.loadUpdates('cases/a/plan')
      expect(all.map((row) => row.seq)).toEqual(seqs)
      expect(texts(docOf(all))).toEqual(['<1>', '<2>', '<3>'])
      const later = await storage.loadUpdates('cases/a/plan', seqs[1])
      expect(later.map((row) => row.seq)).toEqual([seqs[2]])
      expect(await storage.loadUpdates('cases/none/plan')).toEqual([])
    })

    it("reports each room's highest row number in one call, also after compaction; rooms without rows are left out", async () => {
      const { storage } = await fresh()
      expect(await storage.roomHeads([])).toEqual(new Map())
      await storage.appendUpdates('cases/h1/plan', [textUpdate('a'), textUpdate('b')])
      const { seqs } = await storage.appendUpdates('cases/h2/notes', [textUpdate('c')])
      const last = await storage.appendUpdates('cases/h1/plan', [textUpdate('d')])
      await storage.compact('cases/h1/plan')
      const heads = await storage.roomHeads(['cases/h1/plan', 'cases/h2/notes', 'cases/none/plan'])
      expect(heads).toEqual(new Map([['cases/h1/plan', last.seqs[0]], ['cases/h2/notes', seqs[0]]]))
    })

    it("commits a group of rooms at once, each continuing its own numbers; a tombstoned case's room gets none and its numbering stays gapless", async () => {
      const { storage, tombstone } = await fresh()
      const { caseId } = await withCase(storage)
      const gone = await withCase(storage)
      const kept = `cases/${caseId}/plan`
      const erased = `cases/${gone.caseId}/notes`
      const before = await storage.appendUpdates(kept, [textUpdate('<1>')])
      const erasedBefore = await storage.appendUpdates(erased, [textUpdate('<x>')])
      // A room of no case (a supervision copy) in the same group.
      const [copyRoom = ''] = storedRoomsOfCopy(newId())
      // The tombstone alone, its key still there: the group's own check must refuse the room (an erasure that committed while the keys were fetched).
      await tombstone(gone.caseId)
      const outcomes = await storage.appendToRooms([
        { room: kept, updates: [textUpdate('<2>'), textUpdate('<3>')] },
        { room: erased, updates: [textUpdate('<late>')] },
        { room: copyRoom, updates: [textUpdate('<copy>')] },
      ])
      const [keptOutcome, erasedOutcome, copyOutcome] = outcomes
      expect(keptOutcome?.ok && keptOutcome.result.seqs).toEqual([(before.seqs[0] ?? 0) + 1, (before.seqs[0] ?? 0) + 2])
      expect(erasedOutcome?.ok === false && erasedOutcome.error).toBeInstanceOf(CaseErasedError)
      expect(copyOutcome?.ok && copyOutcome.result.seqs).toHaveLength(1)
      expect(texts(docOf(await storage.loadUpdates(kept)))).toEqual(['<1>', '<2>', '<3>'])
      expect((await storage.loadUpdates(erased)).map((row) => row.seq)).toEqual(erasedBefore.seqs)
      expect((await storage.roomHeads([erased])).get(erased)).toBe(erasedBefore.seqs[0])
      // The next group continues where the last one ended.
      const [next] = await storage.appendToRooms([{ room: kept, updates: [textUpdate('<4>')] }])
      expect(next?.ok && next.result.seqs).toEqual([(before.seqs[0] ?? 0) + 3])
    })

    it('binds client ids to the first account per room, all or nothing, and keeps them across a reopen', async () => {
      const { storage, reopen } = await fresh()
      const big = 4_294_967_295 // client ids are unsigned 32-bit
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [1, big, 1])).toEqual([])
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [1, 2])).toEqual([])
      expect(await storage.clientIdOwner('cases/b/plan', big)).toBe('miriam')
      // One id alone (a writer's first update): its own id again, and another account's.
      expect(await storage.bindClientIds('cases/b/plan', 'miriam', [big])).toEqual([])
      expect(await storage.bindClientIds('cases/b/plan', 'tobias', [big])).toEqual([big])
      // Another account: refused for the bound ids, and its unbound id 3 is not bound either.
      expect((await storage.bindClientIds('cases/b/plan', 'tobias', [3, 1, big])).sort()).toEqual([1, big])
      expect(await storage.clientIdOwner('cases/b/plan', 3)).toBeNull()
      // Bindings are per room.
      expect(await storage.bindClientIds('cases/b/notes', 'tobias', [1])).toEqual([])
      // Two accounts binding the same id at once: exactly one gets it.
      const race = await Promise.all([storage.bindClientIds('cases/b/plan', 'anna', [9]), storage.bindClientIds('cases/b/plan', 'ben', [9])])
      expect(race.filter((foreign) => foreign.length === 0)).toHaveLength(1)
      const again = await reopen()
      expect(await again.clientIdOwner('cases/b/plan', 1)).toBe('miriam')
      expect(await again.clientIdOwner('cases/b/notes', 1)).toBe('tobias')
      expect(await again.bindClientIds('cases/b/plan', 'tobias', [2])).toEqual([2])
    })

    it('compacts a room into one row numbered as the last it replaced, dropping deleted content', async () => {
      const { storage } = await fresh()
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      doc.getText('t').insert(0, 'secret ')
      doc.getText('t').insert(7, 'kept')
      doc.getText('t').delete(0, 7)
      const { seqs } = await storage.appendUpdates('cases/a/notes', updates)
      await storage.compact('cases/a/notes')
      const rows = await storage.loadUpdates('cases/a/notes')
      expect(rows.map((row) => row.seq)).toEqual([seqs.at(-1)])
      expect(docOf(rows).getText('t').toString()).toBe('kept')
      expect(Buffer.from(rows[0]?.data ?? []).includes(Buffer.from('secret'))).toBe(false)
      const next = await storage.appendUpdates('cases/a/notes', [textUpdate('<after>')])
      expect(next.seqs[0]).toBeGreaterThan(seqs.at(-1) ?? 0)
      expect(await storage.loadUpdates('cases/a/notes')).toHaveLength(2)
    })

    it("replaces the rows up to a number with the room's state, keeping later rows; an erased case's room stores nothing", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const room = `cases/${caseId}/notes`
      const doc = new Y.Doc()
      const first: Uint8Array[] = []
      const record = (update: Uint8Array) => first.push(update)
      doc.on('update', record)
      doc.getText('t').insert(0, 'gelöscht ')
      doc.getText('t').insert(9, '<bleibt>')
      doc.getText('t').delete(0, 9)
      doc.off('update', record)
      const { seqs } = await storage.appendUpdates(room, first)
      const later = await storage.appendUpdates(room, [textUpdate('<danach>')])
      // The room's document holds the first three rows only (the later one is not applied yet).
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(doc), seqs.at(-1) ?? 0)
      const rows = await storage.loadUpdates(room)
      expect(rows.map((row) => row.seq)).toEqual([seqs.at(-1), later.seqs[0]])
      expect(texts(docOf(rows))).toEqual(['<bleibt>', '<danach>'])
      expect(Buffer.from(rows[0]?.data ?? []).includes(Buffer.from('gelöscht'))).toBe(false)
      // One row up to the number: nothing to replace.
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(new Y.Doc()), seqs.at(-1) ?? 0)
      expect(texts(docOf(await storage.loadUpdates(room)))).toEqual(['<bleibt>', '<danach>'])
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-05-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      // The tombstone is checked inside the transaction: the state is not written back.
      await storage.replaceWithState(room, Y.encodeStateAsUpdate(doc), later.seqs[0] ?? 0)
      expect(await storage.roomHeads([room])).toEqual(new Map())
    })

    it('loses no update when compactions run while updates are appended', async () => {
      const { storage } = await fresh()
      const room = 'cases/race/plan'
      const appends: Array<Promise<unknown>> = []
      const compactions: Array<Promise<void>> = []
      for (let i = 0; i < 60; i += 1) {
        appends.push(storage.appendUpdates(room, [textUpdate(`<${i}>`)]))
        if (i % 7 === 0) {
          compactions.push(storage.compact(room), storage.compact(room))
        }
      }
      await Promise.all([...appends, ...compactions])
      await storage.compact(room)
      const rows = await storage.loadUpdates(room)
      expect(rows).toHaveLength(1)
      expect(texts(docOf(rows))).toEqual(Array.from({ length: 60 }, (_, i) => `<${i}>`).sort())
    })

    it('never keeps an append that raced an erasure', async () => {
      const { storage } = await fresh()
      const { caseId } = await withCase(storage)
      const room = `cases/${caseId}/notes`
      await storage.appendUpdates(room, [textUpdate('<seed>')])
      const appends = Array.from({ length: 20 }, (_, i) => storage.appendUpdates(room, [textUpdate(`<${i}>`)]).then(() => 'stored', () => 'refused'))
      const erased = storage.eraseCase({ caseId, erasedAt: new Date().toISOString(), reason: 'request', erasedBy: null })
      await Promise.all([...appends, erased])
      expect(await storage.loadUpdates(room)).toEqual([])
    })
  })
})
