/**
 * An invoice to issue in the numbering tests (issue 18): one case, no lines,
 * October 2026; the same in the test process and in the child processes of
 * issueInvoicesChild.ts.
 */
import { newId } from '../../../server/src/ids.js'
import type { NewInvoice } from '../../../server/src/storage/invoices/InvoiceStorage.js'
import type { Storage } from '../../../server/src/storage/Storage.js'

const issuedAt = '2026-11-30T10:00:00.000Z'

export function invoice(caseId: string): NewInvoice {
  return {
    id: newId(),
    kind: 'invoice',
    cancelsId: null,
    fundingBodyId: 'body',
    month: '2026-10',
    issuedAt,
    issuedBy: 'user',
    retainUntil: '2036-12-31',
    details: {
      fundingBody: { id: 'body', name: 'Inklusionsamt', address: '' },
      currency: 'EUR',
      lines: [],
      totalCents: 100,
      issuedByName: 'Tobias Brandt',
      reason: '',
      cancelsNumber: null,
    },
    caseIds: [caseId],
  }
}

/** Issues `count` invoices at once on `stores` (round robin), every third one for a month billed already (refused). */
export async function issueAtOnce(stores: readonly Storage[], count: number, billedCase: string): Promise<{ numbers: string[]; refused: number }> {
  const results = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const store = stores[index % stores.length] as Storage
      const caseId = index % 3 === 2 ? billedCase : newId()
      return store.issueInvoice(invoice(caseId), [{ caseId, month: '2026-10' }])
    }),
  )
  return {
    numbers: results.flatMap((result) => (typeof result === 'string' ? [] : [result.number])),
    refused: results.filter((result) => result === 'alreadyBilled').length,
  }
}
