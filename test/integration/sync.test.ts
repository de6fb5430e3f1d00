import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { NotesSchemaVersion } from '../../shared/src/caseDocument/notes.js'
import { planMeta, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, login, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, freeText, freeTextOf, storedDoc, storedUpdates } from './support/syncClients.js'

describe('sync between coaches', () => {
  it("shows text typed by one coach in the other coach's editor, and their names in awareness", async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    const room = `cases/${kase.id}/notes`

    const a = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const b = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    // The server seeded the document: both see the same schemaVersion.
    expect(a.doc.getMap('meta').get('schemaVersion')).toBe(NotesSchemaVersion)
    expect(b.doc.getMap('meta').get('schemaVersion')).toBe(NotesSchemaVersion)

    freeText(a.doc).insert(0, 'Drei Arbeitsplatzbesuche vereinbart.')
    await until(() => freeTextOf(b.doc) === 'Drei Arbeitsplatzbesuche vereinbart.', { message: 'text to reach Tobias' })
    freeText(b.doc).insert(0, 'Analyse: ')
    await until(() => freeTextOf(a.doc) === 'Analyse: Drei Arbeitsplatzbesuche vereinbart.', { message: 'text to reach Miriam' })

    a.provider.awareness.setLocalStateField('user', { name: 'Miriam Roth' })
    b.provider.awareness.setLocalStateField('user', { name: 'Tobias Brandt' })
    const names = (doc: { provider: { awareness: { getStates(): Map<number, Record<string, unknown>> } } }) =>
      [...doc.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name)
    await until(() => names(b).includes('Miriam Roth'), { message: "Miriam's name in Tobias' awareness" })
    await until(() => names(a).includes('Tobias Brandt'), { message: "Tobias' name in Miriam's awareness" })

    // Leaving removes the leaver's awareness state for the others.
    a.provider.disconnect()
    await until(() => !names(b).includes('Miriam Roth'), { message: "Miriam's awareness state to go" })
  })

  it("mirrors a PATCHed title into the plan's title text of an open editor (edited in place), and a synced title into the case list", async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    const title = planMeta(plan.doc).get('title')
    expect(title).toBeInstanceOf(Y.Text)
    expect(String(title)).toBe('Kassenbereich Supermarkt')

    expect((await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { title: 'Kasse Frischmarkt Nord' })).status).toBe(200)
    await until(() => String(planMeta(plan.doc).get('title')) === 'Kasse Frischmarkt Nord', { message: 'PATCHed title in the plan' })
    // The server edited the same Y.Text (a merging change), it did not replace it.
    expect(planMeta(plan.doc).get('title')).toBe(title)

    setPlanMetaField(plan.doc, 'title', 'Kasse und Lager')
    await until(async () => (await miriam.client.request('GET', '/api/cases')).body.cases[0].title === 'Kasse und Lager', {
      message: 'synced title in the case list',
    })
  })
})

describe('durability', () => {
  it('compacts a log of a few large updates by their stored bytes, not only by their number', async () => {
    const relay = await startRelay({ compactAfterUpdates: 1_000, compactAfterBytes: 64 * 1024 })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/notes`
    const writer = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const text = freeText(writer.doc)
    for (let i = 0; i < 6; i += 1) {
      // One large paste each (about 20 KB), replacing the previous one.
      writer.doc.transact(() => {
        text.delete(0, text.length)
        text.insert(0, `Einfügung ${i}: ${'Protokoll der Arbeitsplatzbegehung. '.repeat(560)}`)
      })
      await until(() => freeTextOf(storedDoc(relay.dataDir, room)).startsWith(`Einfügung ${i}:`), { message: `paste ${i} stored` })
    }
    // Past 64 KiB the log was compacted: far fewer rows than updates, and the replaced pastes are gone.
    const rows = storedUpdates(relay.dataDir, room)
    expect(rows.length).toBeLessThan(4)
    expect(rows.reduce((sum, row) => sum + row.byteLength, 0)).toBeLessThan(64 * 1024)
    expect(freeTextOf(storedDoc(relay.dataDir, room))).toMatch(/^Einfügung 5:/)
  })

  it('keeps content across a relay restart, including after compaction', async () => {
    let relay = await startRelay({ compactAfterUpdates: 5 })
    const miriam = await setupAdmin(relay)
    const kase = await createCase(miriam)
    const room = `cases/${kase.id}/confidential/diagnosis`

    const writer = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    const text = freeText(writer.doc, 'confidential')
    for (let i = 0; i < 20; i += 1) {
      text.insert(text.length, `Zeile ${i}. `)
    }
    text.delete(0, 'Zeile 0. '.length)
    const expected = text.toString()
    // Stored (and compacted past the threshold) before the relay stops.
    await until(() => freeTextOf(storedDoc(relay.dataDir, room), 'confidential') === expected, { message: 'all edits stored' })
    // Past the threshold (5, plus up to a quarter more per room) the log was compacted; 21 rows otherwise.
    expect(storedUpdates(relay.dataDir, room).length).toBeLessThanOrEqual(7)
    writer.provider.destroy()

    relay = await relay.restart()
    const { cookie } = (await login(relay, 'miriam.roth@example.org', miriam.password)).client
    const reader = await connectProvider(relay.wsUrl, room, cookie)
    expect(freeTextOf(reader.doc, 'confidential')).toBe(expected)
    expect(reader.doc.getMap('meta').get('field')).toBe('diagnosis')
    // Leaving the room compacts it into one row.
    reader.provider.destroy()
    await until(() => storedUpdates(relay.dataDir, room).length === 1, { message: 'compaction when the last client left' })
    const compacted = new Y.Doc()
    Y.applyUpdate(compacted, storedUpdates(relay.dataDir, room)[0] ?? new Uint8Array())
    expect(freeTextOf(compacted, 'confidential')).toBe(expected)
  })
})
