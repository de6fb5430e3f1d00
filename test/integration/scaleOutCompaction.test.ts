/**
 * A compaction by another process, read back in a catch-up (contract §6,
 * scaled out). The merged row takes the highest number it replaces, so a
 * process that is one row behind reads it as "the rows after mine": it
 * holds the room's whole history. Its clients must get only what is new to
 * them, not that history again (a large case would reach every open
 * browser once more, megabytes each).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCase } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgresAndRedis, queryPostgres, redisUrl } from '../helpers/scaleOut.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, connectRaw, freeTextOf, receivedUpdates, textUpdate } from './support/syncClients.js'
import { twoProcesses, withDirectStorage } from './support/twoProcesses.js'

const skip = databaseUrl === undefined || redisUrl === undefined

describe.skipIf(skip)(`a log compacted by another process, read back in a catch-up${needsPostgresAndRedis}`, () => {
  // The periodic catch-up brings the row that was committed without a fan-out message.
  const processes = twoProcesses({ fanoutCatchUpMs: 300 })

  it("forwards only the new row's content to the clients, not the history the merged row also holds", async () => {
    const { first, second, admin, schema } = processes
    const { id: caseId } = await createCase(admin, 'Verdichtet')
    const room = `cases/${caseId}/notes`
    const cookie = admin.client.cookie
    const writer = await connectProvider(first.wsUrl, room, cookie)
    const coEditor = await connectProvider(second.wsUrl, room, cookie)
    const reader = await connectRaw(second.wsUrl, room, cookie)
    const notes = writer.doc.getXmlFragment('phase:intervention')
    for (let paragraph = 1; paragraph <= 40; paragraph += 1) {
      appendParagraph(notes, `Beobachtung ${paragraph}: ${'Herr Weber sortiert die Ware ein und fragt nach. '.repeat(4)}`)
    }
    await until(() => coEditor.doc.getXmlFragment('phase:intervention').length === 40, { message: 'the history to reach the second process' })
    const historyBytes = Y.encodeStateAsUpdate(writer.doc).byteLength
    const seen = reader.received.length

    // As another process would: a row committed (its fan-out message lost), then the log compacted into one row.
    await withDirectStorage(schema, async (direct) => {
      await direct.appendUpdates(room, [textUpdate('nach der Verdichtung')])
      await direct.compact(room)
    })
    const rows = await queryPostgres<{ n: number }>(schema, 'SELECT COUNT(*)::int AS n FROM room_updates WHERE room = $1', [room])
    expect(rows[0]?.n).toBe(1)

    await until(() => freeTextOf(coEditor.doc) === 'nach der Verdichtung' && freeTextOf(writer.doc) === 'nach der Verdichtung', {
      timeoutMs: 5_000,
      message: 'both processes to catch up over the compacted row',
    })
    await until(() => receivedUpdates(reader, seen).length > 0, { message: 'the raw reader to receive the catch-up' })
    const forwarded = receivedUpdates(reader, seen)
    const bytes = forwarded.reduce((sum, update) => sum + update.byteLength, 0)
    // What reached the reader holds the new text and is a small fraction of the history (about 10 KB here).
    const readerView = new Y.Doc()
    for (const update of forwarded) {
      Y.applyUpdate(readerView, update)
    }
    expect(freeTextOf(readerView)).toBe('nach der Verdichtung')
    expect(bytes).toBeLessThan(historyBytes / 10)
    expect(coEditor.doc.getXmlFragment('phase:intervention').length).toBe(40)
  })
})
