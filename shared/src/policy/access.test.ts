import { describe, expect, it } from 'vitest'
import { accessTo, canRead, canWrite } from './access.js'

describe('access policy (contract §3)', () => {
  it('lets coaches write plan, notes and confidential fields', () => {
    expect(accessTo('plan', 'coach')).toBe('write')
    expect(accessTo('notes', 'coach')).toBe('write')
    expect(accessTo('confidential', 'coach')).toBe('write')
  })

  it('gives the employer the plan read-only unless employerCanEdit is on', () => {
    expect(accessTo('plan', 'employer')).toBe('read')
    expect(accessTo('plan', 'employer', { employerCanEdit: false })).toBe('read')
    expect(accessTo('plan', 'employer', { employerCanEdit: true })).toBe('write')
  })

  it('never opens the notes to employer, coachee or supervisor', () => {
    for (const role of ['employer', 'coachee', 'supervisor'] as const) {
      expect(accessTo('notes', role, { employerCanEdit: true, hasActiveConsent: true, isCopyAuthor: true })).toBe('none')
    }
  })

  it('opens a confidential field to the employer only with active consent, and read-only', () => {
    expect(accessTo('confidential', 'employer')).toBe('none')
    expect(accessTo('confidential', 'employer', { hasActiveConsent: true })).toBe('read')
    expect(accessTo('confidential', 'employer', { hasActiveConsent: true, employerCanEdit: true })).toBe('read')
  })

  it('lets the coachee read the plan and their own confidential fields but not write them', () => {
    expect(accessTo('plan', 'coachee')).toBe('read')
    expect(accessTo('confidential', 'coachee')).toBe('read')
  })

  it('keeps supervisors out of every case room', () => {
    expect(accessTo('plan', 'supervisor')).toBe('none')
    expect(accessTo('confidential', 'supervisor', { hasActiveConsent: true })).toBe('none')
  })

  it('opens a supervision copy to its author and to supervisors, read-only', () => {
    expect(accessTo('supervisionCopy', 'coach')).toBe('none')
    expect(accessTo('supervisionCopy', 'coach', { isCopyAuthor: true })).toBe('read')
    expect(accessTo('supervisionCopy', 'supervisor')).toBe('read')
    expect(accessTo('supervisionDiscussion', 'supervisor')).toBe('write')
  })

  it('keeps the old free-text release readable and unwritable for everyone (issue 16)', () => {
    expect(accessTo('confidential', 'coach', { frozenField: true })).toBe('read')
    expect(accessTo('confidential', 'coachee', { frozenField: true })).toBe('read')
    expect(accessTo('confidential', 'guardian')).toBe('none')
  })

  it('gives no access without a role', () => {
    expect(accessTo('plan', null)).toBe('none')
  })

  it('maps access levels to read/write abilities', () => {
    expect([canRead('none'), canRead('read'), canRead('write')]).toEqual([false, true, true])
    expect([canWrite('none'), canWrite('read'), canWrite('write')]).toEqual([false, false, true])
  })
})
