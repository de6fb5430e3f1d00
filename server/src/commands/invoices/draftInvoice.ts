/**
 * The invoice draft of a funding body and month (issue 18): one line per
 * case and rate from the month's hours, for the cases whose current funding
 * body it is, whose month the employer or the coachee confirmed, whose
 * entries still hash to a confirmed hash, and that no invoice in force
 * bills yet. Only the cases the caller may bill (`invoices.read`: their
 * own as coach, every case with the billing flag). Minimised: file number,
 * the coachee's initials, hours per category, rate, amount.
 */
import { createHash } from 'node:crypto'
import type { Currency } from '../../../../shared/src/api/funding.js'
import type { DraftExclusion, DraftProblem, InvoiceDraft, InvoiceHoursKey, InvoiceLine } from '../../../../shared/src/api/invoices.js'
import { initialsOf } from '../../../../shared/src/billing/invoiceNumbers.js'
import { applicableRate, lineAmountCents, sameRate, type AppliedRate, type CoachRate } from '../../../../shared/src/billing/rates.js'
import { notesHours } from '../../../../shared/src/caseDocument/notes.js'
import { monthEntries, monthEntriesHash, type MonthEntry } from '../../../../shared/src/hoursProof/monthProof.js'
import { can } from '../../../../shared/src/policy/actions.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { FundingStorage } from '../../storage/funding/FundingStorage.js'
import type { HoursProofStorage } from '../../storage/hoursProof/HoursProofStorage.js'
import type { InvoiceStorage } from '../../storage/invoices/InvoiceStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { UserRecord, UserStorage } from '../../storage/users/UserStorage.js'
import type { Services } from '../../services/Services.js'
import { NotFoundError } from '../errors.js'

/** The storage ports of drafting and issuing. */
export type InvoicePorts = CaseStorage & FundingStorage & HoursProofStorage & InvoiceStorage & MemberStorage & UserStorage

/** Whether `caller` may see and bill the invoices of `caseId` (the action policy's `invoices.read`). */
export async function mayBillCase(services: Services<MemberStorage>, caller: UserRecord, caseId: string): Promise<boolean> {
  if (can(null, 'invoices.read', { isBilling: caller.isBilling })) {
    return true
  }
  const member = await services.storage.findMember(caseId, caller.id)
  return member !== null && can(member.role, 'invoices.read', { isBilling: caller.isBilling })
}

/** A case's line data: what the draft needs of it. */
interface CaseMonth {
  caseId: string
  fileNumber: string
  initials: string
  entries: MonthEntry[]
  hash: string
}

async function readCaseMonth(services: Services<InvoicePorts>, caseId: string, fileNumber: string, month: string): Promise<CaseMonth> {
  const [entries, members] = await Promise.all([
    services.documents.readDocument({ kind: 'notes', caseId }, (doc) => monthEntries(notesHours(doc), month)),
    services.storage.listMembers(caseId),
  ])
  const coachee = members.find((member) => member.role === 'coachee')
  return { caseId, fileNumber, initials: coachee === undefined ? '' : initialsOf(coachee.name), entries, hash: await monthEntriesHash(entries) }
}

/** The lines of one case's month: its entries grouped by the rate that applies to each. */
function linesOf(caseMonth: CaseMonth, month: string, rateOf: (entry: MonthEntry) => AppliedRate | null, flatBilledBefore: boolean): InvoiceLine[] {
  const groups: Array<{ rate: AppliedRate | null; entries: MonthEntry[] }> = []
  for (const entry of caseMonth.entries) {
    const rate = rateOf(entry)
    const group = groups.find((candidate) => (candidate.rate === null || rate === null ? candidate.rate === rate : sameRate(candidate.rate, rate)))
    if (group === undefined) {
      groups.push({ rate, entries: [entry] })
    } else {
      group.entries.push(entry)
    }
  }
  return groups.map(({ rate, entries }) => {
    const minutes = new Map<InvoiceHoursKey, number>()
    for (const entry of entries) {
      const key = (entry.category ?? 'none') as InvoiceHoursKey
      minutes.set(key, (minutes.get(key) ?? 0) + entry.minutes)
    }
    const hours: InvoiceLine['hours'] = {}
    for (const [key, value] of minutes) {
      hours[key] = value / 60
    }
    const totalHours = entries.reduce((sum, entry) => sum + entry.minutes, 0) / 60
    return {
      caseId: caseMonth.caseId,
      fileNumber: caseMonth.fileNumber,
      initials: caseMonth.initials,
      month,
      hours,
      totalHours,
      rate,
      amountCents: rate === null ? 0 : lineAmountCents(rate, totalHours, flatBilledBefore),
    }
  })
}

/** The draft's digest: the issue request echoes it, so only the draft the caller saw is issued. */
function digestOf(fundingBodyId: string, month: string, lines: readonly InvoiceLine[]): string {
  return createHash('sha256').update(JSON.stringify({ fundingBodyId, month, lines })).digest('hex')
}

/** The draft of `fundingBodyId` and `month` for `caller`; 404 for an unknown funding body. */
export async function draftInvoice(services: Services<InvoicePorts>, caller: UserRecord, fundingBodyId: string, month: string): Promise<InvoiceDraft> {
  const body = await services.storage.findFundingBody(fundingBodyId)
  if (body === null) {
    throw new NotFoundError('fundingBodyNotFound', 'No such funding body')
  }
  const confirmed = new Map<string, Set<string>>()
  for (const row of await services.storage.listConfirmedCaseMonths(month)) {
    confirmed.set(row.caseId, (confirmed.get(row.caseId) ?? new Set()).add(row.entriesHash))
  }
  const caseIds: string[] = []
  const fileNumbers = new Map<string, string>()
  for (const caseId of [...confirmed.keys()].sort()) {
    if (!(await mayBillCase(services, caller, caseId)) || (await services.storage.findCase(caseId)) === null) {
      continue
    }
    const [funding] = await services.storage.listCaseFunding(caseId)
    if (funding?.fundingBodyId === fundingBodyId) {
      caseIds.push(caseId)
      fileNumbers.set(caseId, funding.fileNumber)
    }
  }
  const billed = await services.storage.billedMonths(caseIds)
  const coachRates = new Map<string, CoachRate | null>()
  const lines: InvoiceLine[] = []
  const excluded: DraftExclusion[] = []
  for (const caseId of caseIds) {
    const caseMonth = await readCaseMonth(services, caseId, fileNumbers.get(caseId) ?? '', month)
    const billedMonths = billed.get(caseId) ?? []
    if (billedMonths.includes(month)) {
      excluded.push({ caseId, fileNumber: caseMonth.fileNumber, initials: caseMonth.initials, reason: 'billed' })
      continue
    }
    if (!(confirmed.get(caseId)?.has(caseMonth.hash) ?? false)) {
      excluded.push({ caseId, fileNumber: caseMonth.fileNumber, initials: caseMonth.initials, reason: 'changedSinceConfirmation' })
      continue
    }
    for (const coachId of new Set(caseMonth.entries.map((entry) => entry.coachId))) {
      if (!coachRates.has(coachId)) {
        coachRates.set(coachId, (await services.storage.findUserById(coachId))?.coachRate ?? null)
      }
    }
    const approvals = await services.storage.listApprovals(caseId)
    const rateOf = (entry: MonthEntry): AppliedRate | null => applicableRate(entry.date, approvals, coachRates.get(entry.coachId) ?? null)
    lines.push(...linesOf(caseMonth, month, rateOf, billedMonths.length > 0))
  }
  const currencies = new Set(lines.flatMap((line) => (line.rate === null ? [] : [line.rate.currency])))
  const problems: DraftProblem[] = []
  if (lines.length === 0) {
    problems.push('noLines')
  }
  if (lines.some((line) => line.rate === null)) {
    problems.push('rateMissing')
  }
  if (currencies.size > 1) {
    problems.push('mixedCurrency')
  }
  return {
    fundingBody: { id: body.id, name: body.name, address: body.address },
    month,
    currency: currencies.size === 1 ? ([...currencies][0] as Currency) : null,
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0),
    excluded,
    problems,
    digest: digestOf(fundingBodyId, month, lines),
  }
}
