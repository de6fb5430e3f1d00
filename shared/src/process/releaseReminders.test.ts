import { describe, expect, it } from 'vitest'
import { releaseEndingReminders, ReleaseEndingDays, type ReleaseForReminder } from './releaseReminders.js'

const today = '2026-11-20'

function release(id: string, overrides: Partial<ReleaseForReminder> = {}): ReleaseForReminder {
  return { id, recipientName: `Dr. ${id}`, validFrom: '2026-01-01', validUntil: null, revokedAt: null, ...overrides }
}

describe('releases running out, in the case reminder', () => {
  it('names a release whose last day is within the reminder days, soonest first', () => {
    const reminders = releaseEndingReminders(
      [release('weber', { validUntil: '2026-12-04' }), release('kaya', { validUntil: today }), release('open'), release('later', { validUntil: '2026-12-05' })],
      today,
    )
    expect(ReleaseEndingDays).toBe(14)
    expect(reminders).toEqual([
      { releaseId: 'kaya', recipientName: 'Dr. kaya', validUntil: today },
      { releaseId: 'weber', recipientName: 'Dr. weber', validUntil: '2026-12-04' },
    ])
  })

  it('leaves out revoked, lapsed and open-ended releases', () => {
    expect(
      releaseEndingReminders(
        [
          release('revoked', { validUntil: '2026-11-25', revokedAt: '2026-11-01T10:00:00.000Z' }),
          release('lapsed', { validUntil: '2026-11-19' }),
          release('open'),
        ],
        today,
      ),
    ).toEqual([])
  })

  it('reminds of a release that has not begun yet but ends soon (it needs renewing all the same)', () => {
    expect(releaseEndingReminders([release('soon', { validFrom: '2026-11-25', validUntil: '2026-11-30' })], today)).toEqual([
      { releaseId: 'soon', recipientName: 'Dr. soon', validUntil: '2026-11-30' },
    ])
  })
})
