import { describe, expect, it } from 'vitest'
import type { ApprovalRecord, CaseFundingWithNames } from '../storage/funding/FundingStorage.js'
import { approvalBillingRecords } from './billingApprovals.js'

function approval(id: string, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  return {
    id,
    caseId: 'c1',
    kind: 'approval',
    extendsId: null,
    correctsId: null,
    validFrom: '2026-03-01',
    validUntil: '2026-08-31',
    hours: 40,
    rateCents: 6500,
    currency: 'EUR',
    decidedOn: '2026-02-20',
    reference: 'Bescheid 12/26',
    note: 'nach Rücksprache mit Jonas Peters',
    recordedAt: '2026-02-21T10:00:00.000Z',
    recordedBy: 'coach',
    ...overrides,
  }
}

function funding(fileNumber: string, recordedAt: string, name = 'Integrationsamt Hannover'): CaseFundingWithNames {
  return { id: fileNumber, caseId: 'c1', fundingBodyId: `body-${name}`, fileNumber, referringBody: 'Agentur', recordedAt, recordedBy: 'coach', fundingBodyName: name, fundingBodyKind: 'integrationOffice', recordedByName: 'Miriam' }
}

describe('approvals kept as billing records when a case is erased', () => {
  it('keeps what counts (a correction of a correction replaces both), and an extension names the record that counted', () => {
    const records = approvalBillingRecords(
      [
        approval('a'),
        approval('b', { correctsId: 'a', hours: 50, recordedAt: '2026-02-22T10:00:00.000Z' }),
        approval('c', { correctsId: 'b', hours: 60, recordedAt: '2026-02-23T10:00:00.000Z' }),
        approval('e', { kind: 'extension', extendsId: 'a', validFrom: '2026-09-01', validUntil: '2027-01-31', hours: 20, recordedAt: '2026-08-20T10:00:00.000Z' }),
      ],
      [funding('AZ-1', '2026-02-01T00:00:00.000Z')],
      'c1',
      '2030-01-01T00:00:00.000Z',
      10,
    )
    expect(records.map((record) => ({ kind: record.kind, retainUntil: record.retainUntil, details: record.details }))).toEqual([
      {
        kind: 'approval',
        retainUntil: '2036-12-31',
        details: { approvalId: 'c', approvalKind: 'approval', extendsId: null, fundingBodyId: 'body-Integrationsamt Hannover', fundingBodyName: 'Integrationsamt Hannover', fileNumber: 'AZ-1', validFrom: '2026-03-01', validUntil: '2026-08-31', hours: 60, rateCents: 6500, currency: 'EUR' },
      },
      {
        kind: 'approval',
        retainUntil: '2037-12-31',
        details: { approvalId: 'e', approvalKind: 'extension', extendsId: 'c', fundingBodyId: 'body-Integrationsamt Hannover', fundingBodyName: 'Integrationsamt Hannover', fileNumber: 'AZ-1', validFrom: '2026-09-01', validUntil: '2027-01-31', hours: 20, rateCents: 6500, currency: 'EUR' },
      },
    ])
    // Never the decision's reference or the note.
    expect(JSON.stringify(records)).not.toMatch(/Bescheid|Jonas/)
  })

  it('names the funding in force when the approval was recorded, else the first recorded after it, else none', () => {
    const history = [funding('AZ-new', '2026-09-01T00:00:00.000Z', 'DRV Bund'), funding('AZ-old', '2026-01-01T00:00:00.000Z')]
    const [early, late] = approvalBillingRecords([approval('a'), approval('b', { recordedAt: '2026-10-01T00:00:00.000Z' })], history, 'c1', '2030-01-01T00:00:00.000Z', 10)
    expect(early?.details).toMatchObject({ fileNumber: 'AZ-old', fundingBodyName: 'Integrationsamt Hannover' })
    expect(late?.details).toMatchObject({ fileNumber: 'AZ-new', fundingBodyName: 'DRV Bund' })
    const [before] = approvalBillingRecords([approval('a', { recordedAt: '2025-12-01T00:00:00.000Z' })], history, 'c1', '2030-01-01T00:00:00.000Z', 10)
    expect(before?.details).toMatchObject({ fileNumber: 'AZ-old' })
    const [without] = approvalBillingRecords([approval('a')], [], 'c1', '2030-01-01T00:00:00.000Z', 10)
    expect(without?.details).toMatchObject({ fundingBodyId: null, fundingBodyName: null, fileNumber: '' })
  })
})
