/**
 * The monthly proof of hours (issue 18 point 2): built from the committed
 * notes document (as the case facts read it), minimised to day, minutes,
 * category, place, coach name and the correction mark; confirmed by the
 * employer, the coachee or the guardian with the hash of what they saw. A
 * confirmation locks its month in the notes room (through the room's commit
 * path, like any server change), so the relay refuses changes of its entries.
 */
import type { ConfirmingRole, MonthProofReply, ProofConfirmation, ProofMonthSummary } from '../../../shared/src/api/hoursProof.js'
import { notesHours } from '../../../shared/src/caseDocument/notes.js'
import { lockedMonths, lockMonths } from '../../../shared/src/hoursProof/monthLock.js'
import { hoursEntriesOf, monthEntries, monthEntriesHash, monthMinutes, monthsWithEntries, type MonthEntry } from '../../../shared/src/hoursProof/monthProof.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { HoursProofStorage, MonthConfirmation } from '../storage/hoursProof/HoursProofStorage.js'
import type { InvoiceStorage } from '../storage/invoices/InvoiceStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { ConflictError, NotFoundError } from './errors.js'

/** The storage ports of the proof. */
export type HoursProofPorts = HoursProofStorage & InvoiceStorage & UserStorage

/** The case's hours as the proof reads them: per month, the canonical entries; and the days of every entry (for a correction's reference). */
interface CaseHours {
  months: string[]
  entriesOf(month: string): MonthEntry[]
  dateOf(entryId: string): string | null
  locked: Set<string>
}

async function caseHours(services: Services, caseId: string): Promise<CaseHours> {
  // Read where the notes live, into plain values: no copy of the document.
  return await services.documents.readDocument({ kind: 'notes', caseId }, (notes) => {
    const hours = notesHours(notes)
    const dates = new Map(hoursEntriesOf(hours).map((entry) => [entry.id, entry.date]))
    const plain = hours.toArray().map((map) => map.toJSON())
    return {
      months: monthsWithEntries(plain),
      entriesOf: (month) => monthEntries(plain, month),
      dateOf: (entryId) => dates.get(entryId) ?? null,
      locked: lockedMonths(notes),
    }
  })
}

/** Account names by id, each looked up once (a removed account keeps its id only). */
async function namesOf(services: Services<HoursProofPorts>, ids: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const id of new Set(ids)) {
    names.set(id, (await services.storage.findUserById(id))?.name ?? '—')
  }
  return names
}

/** The case's months billed by an invoice in force. */
async function billedOf(services: Services<HoursProofPorts>, caseId: string): Promise<Set<string>> {
  return new Set((await services.storage.billedMonths([caseId])).get(caseId) ?? [])
}

function summaryOf(
  month: string,
  entries: readonly MonthEntry[],
  hash: string,
  confirmations: readonly MonthConfirmation[],
  names: Map<string, string>,
  state: { locked: boolean; billed: boolean },
): ProofMonthSummary {
  const ofMonth = confirmations.filter((confirmation) => confirmation.month === month)
  return {
    month,
    totalMinutes: monthMinutes(entries),
    entriesHash: hash,
    locked: state.locked || ofMonth.length > 0,
    billed: state.billed,
    confirmations: ofMonth.map(
      (confirmation): ProofConfirmation => ({
        role: confirmation.role,
        name: names.get(confirmation.accountId) ?? '—',
        confirmedAt: confirmation.confirmedAt,
        entriesHash: confirmation.entriesHash,
        current: confirmation.entriesHash === hash,
      }),
    ),
  }
}

/** Every month of the case's hours log, newest first, with its confirmations. */
export async function listProofMonths(services: Services<HoursProofPorts>, caseId: string): Promise<ProofMonthSummary[]> {
  const hours = await caseHours(services, caseId)
  const confirmations = await services.storage.listMonthConfirmations(caseId)
  const names = await namesOf(services, confirmations.map((confirmation) => confirmation.accountId))
  const billed = await billedOf(services, caseId)
  const months = [...new Set([...hours.months, ...confirmations.map((confirmation) => confirmation.month)])].sort().reverse()
  return Promise.all(
    months.map(async (month) => {
      const entries = hours.entriesOf(month)
      return summaryOf(month, entries, await monthEntriesHash(entries), confirmations, names, { locked: hours.locked.has(month), billed: billed.has(month) })
    }),
  )
}

/** One month's proof; 404 for a month without entries or confirmations. */
export async function readMonthProof(services: Services<HoursProofPorts>, record: Pick<CaseRecord, 'id' | 'title'>, month: string): Promise<Omit<MonthProofReply, 'confirmAs'>> {
  const hours = await caseHours(services, record.id)
  const entries = hours.entriesOf(month)
  const confirmations = await services.storage.listMonthConfirmations(record.id)
  if (entries.length === 0 && !confirmations.some((confirmation) => confirmation.month === month)) {
    throw new NotFoundError('hoursMonthNotFound', 'No hours in this month')
  }
  const names = await namesOf(services, [...confirmations.map((confirmation) => confirmation.accountId), ...entries.map((entry) => entry.coachId)])
  const billed = await billedOf(services, record.id)
  const summary = summaryOf(month, entries, await monthEntriesHash(entries), confirmations, names, { locked: hours.locked.has(month), billed: billed.has(month) })
  return {
    ...summary,
    caseTitle: record.title,
    entries: entries.map((entry) => ({
      id: entry.id,
      date: entry.date,
      minutes: entry.minutes,
      category: entry.category,
      place: entry.place,
      coachName: names.get(entry.coachId) ?? '—',
      correction: entry.correctionOf !== null,
      correctionOfDate: entry.correctionOf === null ? null : hours.dateOf(entry.correctionOf),
    })),
  }
}

/**
 * Confirms a month in `role` for the caller, when `entriesHash` is the
 * month's hash now (409 hoursProofChanged: it changed since the person read
 * it), then locks the month in the notes room.
 */
export async function confirmMonth(
  services: Services<HoursProofPorts>,
  caseId: string,
  month: string,
  confirmer: { accountId: string; role: ConfirmingRole },
  entriesHash: string,
): Promise<MonthConfirmation> {
  const entries = (await caseHours(services, caseId)).entriesOf(month)
  if (entries.length === 0) {
    throw new NotFoundError('hoursMonthNotFound', 'No hours in this month')
  }
  if ((await monthEntriesHash(entries)) !== entriesHash) {
    throw new ConflictError('hoursProofChanged', 'The hours of this month changed since they were read')
  }
  const at = services.clock().toISOString()
  const confirmation: MonthConfirmation = { caseId, month, role: confirmer.role, accountId: confirmer.accountId, confirmedAt: at, entriesHash }
  // Month and role only: the entries stay in the notes room.
  await services.storage.addMonthConfirmation(confirmation, [auditEntry(caseId, 'hoursMonthConfirmed', confirmer.accountId, new Date(at), { month, role: confirmer.role })])
  // The lock follows the confirmation; a failure here is retried by the next confirmation of the month (lockMonths keeps the first time).
  await services.documents.changeDocument({ kind: 'notes', caseId }, (doc) => lockMonths(doc, [month], at))
  services.events.notify(caseId, 'hoursProof')
  services.logger.info({ caseId, month, role: confirmer.role, by: confirmer.accountId }, 'hours month confirmed')
  return confirmation
}
