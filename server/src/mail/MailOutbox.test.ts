import { describe, expect, it } from 'vitest'
import { createLogger } from '../log.js'
import type { OutboxRecord, OutboxStorage } from '../storage/mail/MailStorage.js'
import { MailOutbox, RetryBackoffMinutes } from './MailOutbox.js'

/** The outbox port in memory, as both stores behave. */
function memoryOutbox(): OutboxStorage & { rows: Map<string, OutboxRecord> } {
  const rows = new Map<string, OutboxRecord>()
  return {
    rows,
    enqueueMail: async (mail) => void rows.set(mail.id, { ...mail }),
    dueMails: async (now, limit) =>
      [...rows.values()].filter((mail) => mail.nextAttemptAt !== null && mail.nextAttemptAt <= now).slice(0, limit).map((mail) => ({ ...mail })),
    async claimMail(id, expected, leaseUntil) {
      const row = rows.get(id)
      if (row?.nextAttemptAt !== expected) {
        return false
      }
      row.nextAttemptAt = leaseUntil
      return true
    },
    async markMailSent(id, at) {
      Object.assign(rows.get(id) ?? {}, { sentAt: at, nextAttemptAt: null, body: '', attempts: (rows.get(id)?.attempts ?? 0) + 1 })
    },
    async markMailFailed(id, at, error, next) {
      const row = rows.get(id)
      if (row) {
        Object.assign(row, { attempts: row.attempts + 1, lastError: error, nextAttemptAt: next, ...(next === null ? { failedAt: at, body: '' } : {}) })
      }
    },
    deleteFinishedMailsBefore: async () => 0,
    listOutbox: async () => [...rows.values()],
  }
}

describe('MailOutbox', () => {
  it('retries after 1, 5, 30, 120 and 720 minutes, then gives up and clears the body', async () => {
    const storage = memoryOutbox()
    let now = Date.parse('2026-01-01T08:00:00.000Z')
    const tries: number[] = []
    const outbox = new MailOutbox({
      storage,
      transport: {
        sendMail: async () => {
          tries.push(now)
          throw new Error('421 try later')
        },
      },
      from: 'Fallbuch <fb@example.org>',
      clock: () => new Date(now),
      logger: createLogger({ logLevel: 'silent' }),
    })
    await outbox.send('digest', 'a@example.org', { subject: 's', text: 't' })
    await outbox.idle()
    for (const minutes of RetryBackoffMinutes) {
      now += (minutes - 0.5) * 60_000
      await outbox.deliverDue()
      now += 0.5 * 60_000
      await outbox.deliverDue()
    }
    const [row] = storage.rows.values()
    expect(tries.map((at) => (at - Date.parse('2026-01-01T08:00:00.000Z')) / 60_000)).toEqual([0, 1, 6, 36, 156, 876])
    expect(row).toMatchObject({ attempts: 6, nextAttemptAt: null, body: '', lastError: '421 try later' })
    expect(row?.failedAt).not.toBeNull()
  })

  it('sends nothing and stores nothing without a transport', async () => {
    const storage = memoryOutbox()
    const outbox = new MailOutbox({ storage, transport: null, from: 'x', clock: () => new Date(), logger: createLogger({ logLevel: 'silent' }) })
    expect(outbox.enabled).toBe(false)
    await outbox.send('invitation', 'a@example.org', { subject: 's', text: 't' })
    expect(storage.rows.size).toBe(0)
  })
})
