/**
 * The mail and calendar stores (issue 22) on both backends: embedded SQLite
 * and PostgreSQL (DATABASE_URL; without it that half is skipped and says so).
 */
import { describe, expect, it } from 'vitest'
import type { OutboxRecord, UserRecord } from '../../server/src/storage/Storage.js'
import { storageBackends } from './support/storageBackends.js'

const backends = storageBackends('fallbuch-mail-')

function user(id: string): UserRecord {
  return { id, name: 'Tobias Brandt', email: `${id}@example.org`, passwordHash: 'old', kind: 'staff', isAdmin: false, active: true, createdAt: '2026-01-01T00:00:00.000Z', isLead: false, staffSharePercent: 100, isBilling: false, coachRate: null }
}

function mail(id: string, at: string): OutboxRecord {
  return { id, kind: 'digest', recipient: 'a@example.org', subject: 's', body: 'b', createdAt: at, attempts: 0, nextAttemptAt: at, sentAt: null, failedAt: null, lastError: null }
}

describe.each(backends)('mail and calendar stores on $name', ({ skip, open }) => {
  it.skipIf(skip)('the outbox: due mails, one claim wins, sent clears the body, retry and give up', async () => {
    const storage = await open()
    await storage.enqueueMail(mail('m1', '2026-01-01T10:00:00.000Z'))
    await storage.enqueueMail(mail('m2', '2026-01-01T10:00:01.000Z'))
    await storage.enqueueMail(mail('m3', '2026-01-01T12:00:00.000Z'))
    const due = await storage.dueMails('2026-01-01T11:00:00.000Z', 10)
    expect(due.map((m) => m.id)).toEqual(['m1', 'm2'])
    const lease = '2026-01-01T11:05:00.000Z'
    expect(await storage.claimMail('m1', '2026-01-01T10:00:00.000Z', lease)).toBe(true)
    expect(await storage.claimMail('m1', '2026-01-01T10:00:00.000Z', lease)).toBe(false)
    await storage.markMailSent('m1', '2026-01-01T11:00:01.000Z')
    await storage.markMailFailed('m2', '2026-01-01T11:00:02.000Z', '550 no', '2026-01-01T11:01:02.000Z')
    await storage.markMailFailed('m3', '2026-01-01T12:00:02.000Z', '550 no', null)
    const list = new Map((await storage.listOutbox(10)).map((m) => [m.id, m]))
    expect(list.get('m1')).toMatchObject({ sentAt: '2026-01-01T11:00:01.000Z', body: '', nextAttemptAt: null, attempts: 1 })
    expect(list.get('m2')).toMatchObject({ body: 'b', nextAttemptAt: '2026-01-01T11:01:02.000Z', attempts: 1, lastError: '550 no', failedAt: null })
    expect(list.get('m3')).toMatchObject({ body: '', nextAttemptAt: null, failedAt: '2026-01-01T12:00:02.000Z', attempts: 1 })
    // Finished mails go after their keeping time; the one still to be retried stays.
    expect(await storage.deleteFinishedMailsBefore('2026-02-01T00:00:00.000Z')).toBe(2)
    expect((await storage.listOutbox(10)).map((m) => m.id)).toEqual(['m2'])
  })

  it.skipIf(skip)('a mailed password reset (no case, no creator) is used once, sets the hash and ends sessions; only the newest works', async () => {
    const storage = await open()
    await storage.createUser(user('u1'))
    await storage.createSession({ tokenHash: 's1', userId: 'u1', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-02-01T00:00:00.000Z', lastSeenAt: '2026-01-01T00:00:00.000Z' })
    const reset = { userId: 'u1', caseId: null, createdBy: null, createdAt: '2026-01-01T10:00:00.000Z', expiresAt: '2026-01-01T11:00:00.000Z', usedAt: null }
    await storage.createPasswordReset({ ...reset, id: 'r1', tokenHash: 't1' })
    await storage.createPasswordReset({ ...reset, id: 'r2', tokenHash: 't2' })
    expect(await storage.findOpenPasswordReset('t1', '2026-01-01T10:30:00.000Z')).toBeNull()
    expect(await storage.findOpenPasswordReset('t2', '2026-01-01T10:30:00.000Z')).toMatchObject({ userId: 'u1', caseId: null, createdBy: null })
    expect(await storage.usePasswordReset({ tokenHash: 't2', now: '2026-01-01T11:00:00.000Z', passwordHash: 'late' })).toBe('invalid')
    expect(await storage.usePasswordReset({ tokenHash: 't1', now: '2026-01-01T10:30:00.000Z', passwordHash: 'old' })).toBe('invalid')
    expect(await storage.usePasswordReset({ tokenHash: 't2', now: '2026-01-01T10:30:00.000Z', passwordHash: 'new' })).toEqual({ userId: 'u1' })
    expect((await storage.findUserById('u1'))?.passwordHash).toBe('new')
    expect(await storage.findActiveSession('s1', new Date('2026-01-01T10:31:00.000Z'), new Date('2025-12-01T00:00:00.000Z'))).toBeNull()
    expect(await storage.usePasswordReset({ tokenHash: 't2', now: '2026-01-01T10:31:00.000Z', passwordHash: 'again' })).toBe('invalid')
    expect((await storage.findUserById('u1'))?.passwordHash).toBe('new')
  })

  it.skipIf(skip)('account settings default to the digest on; calendar feeds are replaced and removed', async () => {
    const storage = await open()
    await storage.createUser(user('u2'))
    expect(await storage.accountSettings('u2')).toEqual({ digestEnabled: true, lastDigestOn: null })
    expect(await storage.claimDigestDay('u2', '2026-01-01')).toBe(true)
    expect(await storage.claimDigestDay('u2', '2026-01-01')).toBe(false)
    await storage.setDigestEnabled('u2', false)
    expect(await storage.accountSettings('u2')).toEqual({ digestEnabled: false, lastDigestOn: '2026-01-01' })
    await storage.setDigestEnabled('u2', true)
    expect((await storage.accountSettings('u2')).digestEnabled).toBe(true)
    expect(await storage.claimDigestDay('u2', '2026-01-02')).toBe(true)

    expect(await storage.calendarFeedCreatedAt('u2')).toBeNull()
    await storage.setCalendarFeed('u2', 'h1', '2026-01-01T00:00:00.000Z')
    expect(await storage.findCalendarFeedUser('h1')).toBe('u2')
    await storage.setCalendarFeed('u2', 'h2', '2026-01-02T00:00:00.000Z')
    expect(await storage.findCalendarFeedUser('h1')).toBeNull()
    expect(await storage.findCalendarFeedUser('h2')).toBe('u2')
    expect(await storage.calendarFeedCreatedAt('u2')).toBe('2026-01-02T00:00:00.000Z')
    await storage.deleteCalendarFeed('u2')
    expect(await storage.findCalendarFeedUser('h2')).toBeNull()
  })
})
