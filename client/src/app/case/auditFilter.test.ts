import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../../../shared/src/api/audit.js'
import { auditActors, filterAudit, NoAuditFilter } from './auditFilter.js'

function event(id: string, type: AuditEvent['type'], at: string, actor: [string, string] | null): AuditEvent {
  return { id, type, at, actorId: actor?.[0] ?? null, actorName: actor?.[1] ?? null, details: {} }
}

const miriam: [string, string] = ['userMiriamAAAAAAAAAAAA', 'Miriam Roth']
const jonas: [string, string] = ['userJonasAAAAAAAAAAAAA', 'Jonas Peters']
const events = [
  event('1', 'consentLapsed', '2026-04-02T08:00:00.000Z', null),
  event('2', 'consentGranted', '2026-04-01T09:00:00.000Z', jonas),
  event('3', 'roomOpened', '2026-03-20T10:00:00.000Z', miriam),
  event('4', 'memberAdded', '2026-03-02T10:00:00.000Z', miriam),
]

describe('change log filters', () => {
  it('filters by who, what and a range of days', () => {
    expect(filterAudit(events, NoAuditFilter).map((e) => e.id)).toEqual(['1', '2', '3', '4'])
    expect(filterAudit(events, { ...NoAuditFilter, who: miriam[0] }).map((e) => e.id)).toEqual(['3', '4'])
    expect(filterAudit(events, { ...NoAuditFilter, who: 'system' }).map((e) => e.id)).toEqual(['1'])
    expect(filterAudit(events, { ...NoAuditFilter, what: 'consent' }).map((e) => e.id)).toEqual(['1', '2'])
    expect(filterAudit(events, { ...NoAuditFilter, from: '2026-03-20', to: '2026-04-01' }).map((e) => e.id)).toEqual(['2', '3'])
    expect(filterAudit(events, { who: miriam[0], what: 'consent', from: '', to: '' })).toEqual([])
  })

  it('offers each actor once, the system without a name', () => {
    expect(auditActors(events)).toEqual([
      { id: 'system', name: null },
      { id: jonas[0], name: 'Jonas Peters' },
      { id: miriam[0], name: 'Miriam Roth' },
    ])
  })
})
