// @vitest-environment jsdom
/** The admin's list of billing records erased cases left behind (issue 16), rendered with the API mocked. */
import { describe, expect, it, vi } from 'vitest'
import type { RetainedBillingRecord } from '../../../shared/src/api/billing.js'
import type { User } from '../../../shared/src/api/users.js'
import i18n from '../i18n/index.js'
import { mountedRoot } from '../testing/mountedRoot.js'
import { RetainedBillingPanel } from './RetainedBillingPanel.js'

const { retainedBilling } = vi.hoisted(() => ({ retainedBilling: vi.fn() }))
vi.mock('../api/fundingEndpoints.js', () => ({ fundingApi: { retainedBilling } }))

await i18n.changeLanguage('de')

const base = { caseId: 'caseErased00000000001', retainedAt: '2036-01-15T09:00:00.000Z' }
const funding = { kind: 'approval', fundingBodyId: 'body0000000000000001', fundingBodyName: 'Integrationsamt Hannover', fileNumber: 'AZ-4711', currency: 'EUR' } as const
const records: RetainedBillingRecord[] = [
  { ...base, ...funding, id: 'r1', retainUntil: '2036-12-31', approvalId: 'a1', approvalKind: 'approval', extendsId: null, validFrom: '2026-03-01', validUntil: '2026-08-31', hours: 60, rateCents: 6850 },
  { ...base, ...funding, id: 'r2', retainUntil: '2037-12-31', approvalId: 'a2', approvalKind: 'extension', extendsId: 'a1', validFrom: '2026-09-01', validUntil: '2027-02-28', hours: 20, rateCents: null },
  { ...base, id: 'r3', kind: 'hours', retainUntil: '2036-12-31', date: '2026-04-02', minutes: 90, coachId: 'userCoach00000000001', category: 'travel' },
  { ...base, id: 'r4', kind: 'hours', retainUntil: '2036-12-31', date: '2026-04-09', minutes: 120, coachId: 'userGone000000000001', category: 'analysis' },
]
const coach: User = { id: 'userCoach00000000001', name: 'Jana Coach', email: 'jana@example.org', kind: 'staff', isAdmin: false, active: true, isLead: false, staffSharePercent: 100, isBilling: false, coachRate: null, isCoordinator: false, isIntegrationsamt: false }

const mounted = mountedRoot()

async function render(): Promise<void> {
  await mounted.render(<RetainedBillingPanel staff={[coach]} />)
}

const texts = (testId: string): string[] => [...mounted.container.querySelectorAll(`[data-testid="${testId}"]`)].map((element) => (element.textContent ?? '').replace(/\s/g, ' '))

describe('RetainedBillingPanel', () => {
  it('lists per erased case its approvals (funding body, Aktenzeichen, period, hours, rate, extension) and its hours', async () => {
    retainedBilling.mockResolvedValue({ data: { records }, fromCache: false })
    await render()
    expect(texts('retainedBilling.case')).toHaveLength(1)
    expect(texts('retainedBilling.approval')).toEqual([
      'Bewilligung · Integrationsamt Hannover · Az. AZ-4711' + '1. März 2026 bis 31. August 2026 · 60 Std. · Satz 68,50 € pro Stunde (aufbewahrt bis 31. Dezember 2036)',
      'Verlängerung · Integrationsamt Hannover · Az. AZ-4711' + '1. September 2026 bis 28. Februar 2027 · 20 Std. · verlängert die Bewilligung ab 1. März 2026 (aufbewahrt bis 31. Dezember 2037)',
    ])
    expect(mounted.container.querySelector('[data-testid="retainedBilling.hours"] summary')?.textContent).toBe('2 Stundeneinträge, zusammen 3,5 Std.')
    expect(texts('retainedBilling.hoursEntry')).toEqual([
      '2. April 2026 · 1,5 Std. · Jana Coach · Fahrt (aufbewahrt bis 31. Dezember 2036)',
      '9. April 2026 · 2 Std. · Coach (Konto gelöscht) · Analyse und Planung (aufbewahrt bis 31. Dezember 2036)',
    ])
  })

  it('says when there is nothing', async () => {
    retainedBilling.mockResolvedValue({ data: { records: [] }, fromCache: false })
    await render()
    expect(texts('retainedBilling.none')).toEqual(['Keine aufbewahrten Abrechnungsdaten.'])
  })
})
