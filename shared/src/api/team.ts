/**
 * The team lead's API (issue 22): `GET /api/team/overview` (every coach's
 * caseload and every case's due items, from structured data only) and
 * `POST` / `DELETE /api/team/cases/:id/coaches` (hand a case over, add or
 * remove a substitute coach).
 */
import { z } from 'zod'
import { Phase } from '../caseDocument/plan.js'
import { DueItem } from '../process/dueItems.js'
import { CaseType } from './cases.js'
import { Id } from './common.js'

/** A coach of the team with their caseload (Personalschlüssel). */
export const TeamCoach = z.object({
  userId: Id,
  name: z.string(),
  staffSharePercent: z.number().int(),
  /** Weighted active cases (a tandem case counts the configured share). */
  placement: z.number(),
  retention: z.number(),
  /** (placement / 5 + retention / 6) / staff share: above 1 is over the guideline. */
  load: z.number(),
  over: z.boolean(),
})
export type TeamCoach = z.infer<typeof TeamCoach>

/** A case as the lead sees it: no text beyond the title the case list shows. */
export const TeamCase = z.object({
  caseId: Id,
  title: z.string(),
  type: CaseType,
  /** Null when the server holds no readable plan. */
  phase: Phase.nullable(),
  closed: z.boolean(),
  coaches: z.array(z.object({ userId: Id, name: z.string() })),
  startDate: z.iso.date().optional(),
  expectedEndDate: z.iso.date().optional(),
  due: z.array(DueItem),
  /** The case's current funding body (issue 18), null when none is recorded; absent from older servers. */
  fundingBody: z.object({ id: Id, name: z.string() }).nullable().optional(),
})
export type TeamCase = z.infer<typeof TeamCase>

export const TeamOverviewReply = z.object({
  /** The day the due items were computed for (the service's time zone). */
  today: z.iso.date(),
  /** The share of a tandem case each coach carries (TANDEM_SHARE). */
  tandemShare: z.number(),
  coaches: z.array(TeamCoach),
  cases: z.array(TeamCase),
})
export type TeamOverviewReply = z.infer<typeof TeamOverviewReply>

/** `POST /api/team/cases/:id/coaches`: the new coach; with `replacesUserId` the case is handed over from that coach. */
export const AssignCoachBody = z.object({ userId: Id, replacesUserId: Id.optional() }).strict()
export type AssignCoachBody = z.infer<typeof AssignCoachBody>
