/**
 * The monthly proof of hours (Stundennachweis, issue 18 point 2) and its
 * confirmations: `GET /api/cases/:id/hours-proof` lists the months,
 * `GET …/hours-proof/:month` is one month's proof (also as
 * `?format=pdf` and `?format=csv`), `POST …/hours-proof/:month/confirm` confirms it. Minimised: day,
 * minutes, category, place, coach name and whether an entry is a
 * correction; never the activity text or a correction's reason.
 */
import { z } from 'zod'
import { ProofMonth } from '../hoursProof/monthProof.js'

export const ConfirmingRoles = ['employer', 'coachee', 'guardian'] as const
export const ConfirmingRole = z.enum(ConfirmingRoles)
export type ConfirmingRole = z.infer<typeof ConfirmingRole>

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)

export const ProofConfirmation = z.object({
  role: ConfirmingRole,
  name: z.string(),
  confirmedAt: z.iso.datetime(),
  entriesHash: Sha256Hex,
  /** Whether it confirms the month's entries as they are now (not an earlier state before a correction). */
  current: z.boolean(),
})
export type ProofConfirmation = z.infer<typeof ProofConfirmation>

export const ProofEntry = z.object({
  id: z.string(),
  date: z.iso.date(),
  minutes: z.number().int(),
  category: z.string().nullable(),
  place: z.string().nullable(),
  coachName: z.string(),
  /** The day of the entry this one corrects, when it is a correction. */
  correctionOfDate: z.iso.date().nullable(),
  correction: z.boolean(),
})
export type ProofEntry = z.infer<typeof ProofEntry>

/** A month as listed. */
export const ProofMonthSummary = z.object({
  month: ProofMonth,
  totalMinutes: z.number().int(),
  entriesHash: Sha256Hex,
  locked: z.boolean(),
  /** Whether an invoice in force bills the month (a cancellation frees it again). */
  billed: z.boolean().default(false),
  confirmations: z.array(ProofConfirmation),
})
export type ProofMonthSummary = z.infer<typeof ProofMonthSummary>

/** `GET /api/cases/:id/hours-proof`: newest month first; `confirmAs` is the role the caller confirms in, null when they do not. */
export const HoursProofListReply = z.object({
  months: z.array(ProofMonthSummary),
  confirmAs: ConfirmingRole.nullable(),
})
export type HoursProofListReply = z.infer<typeof HoursProofListReply>

/** `GET /api/cases/:id/hours-proof/:month`. */
export const MonthProofReply = ProofMonthSummary.extend({
  caseTitle: z.string(),
  entries: z.array(ProofEntry),
  confirmAs: ConfirmingRole.nullable(),
})
export type MonthProofReply = z.infer<typeof MonthProofReply>

/** `POST …/confirm`: the hash of what the person saw; the server refuses when the month changed since (409 hoursProofChanged). */
export const ConfirmMonthBody = z.object({ entriesHash: Sha256Hex }).strict()
export type ConfirmMonthBody = z.infer<typeof ConfirmMonthBody>

/** The query of `GET …/hours-proof/:month`: JSON for the page, or a download. */
export const ProofFormatQuery = z.object({ format: z.enum(['json', 'pdf', 'csv']).default('json') }).strict()
