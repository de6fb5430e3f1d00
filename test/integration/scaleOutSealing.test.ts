/**
 * What Redis carries between two relay processes (contract §6, scaled
 * out): a confidential field co-edited across them converges, while a
 * subscriber on the broker (another installation on the same Redis, say)
 * sees none of its content; a message it publishes into the room's channel
 * reaches no client.
 */
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createCase } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgresAndRedis, queryPostgres, redisUrl } from '../helpers/scaleOut.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, freeTextOf, textUpdate } from './support/syncClients.js'
import { twoProcesses } from './support/twoProcesses.js'

const skip = databaseUrl === undefined || redisUrl === undefined

describe.skipIf(skip)(`room messages on Redis are sealed${needsPostgresAndRedis}`, () => {
  const processes = twoProcesses()

  it('a co-edited note converges while the broker sees only ciphertext, and a forged message reaches no client', async () => {
    const { first, second, admin, prefix, schema } = processes
    const { id: caseId } = await createCase(admin, 'Vertraulich')
    const room = `cases/${caseId}/notes`
    const listener = new Redis(redisUrl ?? '')
    const seen: string[] = []
    try {
      await listener.psubscribe(`${prefix}room:*`)
      listener.on('pmessage', (_pattern: string, _channel: string, payload: string) => seen.push(payload))
      const a = await connectProvider(first.wsUrl, room, admin.client.cookie)
      const b = await connectProvider(second.wsUrl, room, admin.client.cookie)
      appendParagraph(a.doc.getXmlFragment('phase:intervention'), 'Diagnose F32.1, Sertralin 50 mg')
      appendParagraph(b.doc.getXmlFragment('phase:intervention'), 'Rückfall im März besprochen')
      const both = '<paragraph>Diagnose F32.1, Sertralin 50 mg</paragraph><paragraph>Rückfall im März besprochen</paragraph>'
      const converged = (doc: Y.Doc): boolean => {
        const notes = doc.getXmlFragment('phase:intervention').toString()
        return notes.includes('Diagnose F32.1') && notes.includes('Rückfall im März')
      }
      await until(() => converged(a.doc) && converged(b.doc), { message: 'both clients to hold both paragraphs' })
      expect(a.doc.getXmlFragment('phase:intervention').toString().length).toBe(both.length)
      await until(() => seen.some((payload) => payload.includes('"updates"')), { message: 'room messages on the broker' })

      // The payloads and the updates inside them: no word of the note.
      for (const payload of seen) {
        const message = JSON.parse(payload) as { updates?: string[]; update?: string }
        const carried = [payload, ...(message.updates ?? []), message.update ?? ''].map((value) => Buffer.from(value, 'base64').toString('latin1'))
        for (const value of [payload, ...carried]) {
          expect(value).not.toMatch(/Diagnose|F32|Sertralin|Rückfall|R\u00c3\u00bcckfall/)
        }
      }

      // A message made up on the broker, in the shape the relays publish, with the room's next row number.
      const origin = 'someone-on-the-broker'
      await listener.punsubscribe()
      const [head] = await queryPostgres<{ last_seq: string }>(schema, 'SELECT last_seq FROM room_heads WHERE room = $1', [room])
      const publisher = new Redis(redisUrl ?? '')
      try {
        const next = Number(head?.last_seq) + 1
        const forged = JSON.stringify({ origin, type: 'updates', at: Date.now(), seqs: [next], updates: [Buffer.from(textUpdate('untergeschoben')).toString('base64')] })
        await publisher.publish(`${prefix}room:${room}`, forged)
      } finally {
        publisher.disconnect()
      }
      appendParagraph(a.doc.getXmlFragment('phase:intervention'), 'danach')
      await until(() => b.doc.getXmlFragment('phase:intervention').toString().includes('danach'), { message: 'the next real edit to cross' })
      expect(freeTextOf(a.doc)).toBe('')
      expect(freeTextOf(b.doc)).toBe('')
    } finally {
      listener.disconnect()
    }
  })
})
