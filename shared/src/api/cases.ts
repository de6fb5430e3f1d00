import { z } from 'zod'
import { CaseRoles } from '../policy/access.js'
import { Limits } from '../limits.js'
import { Id } from './common.js'

export const CaseType = z.enum(['placement', 'retention'])
export type CaseType = z.infer<typeof CaseType>

export const CaseRole = z.enum(CaseRoles)

export const Access = z.enum(['none', 'read', 'write'])

const CaseTitle = z.string().trim().min(1, 'must not be empty').max(Limits.maxTitleLength)

/** A member of a case. */
export const Member = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  email: z.string(),
  role: CaseRole,
  addedAt: z.iso.datetime(),
})
export type Member = z.infer<typeof Member>

/** A room of a case and the caller's access to it. */
export const CaseRoom = z.object({ name: z.string(), access: Access })
export type CaseRoom = z.infer<typeof CaseRoom>

/** A case as listed (`GET /api/cases`). */
export const CaseSummary = z.object({
  id: Id,
  title: z.string(),
  type: CaseType,
  employerCanEdit: z.boolean(),
  createdAt: z.iso.datetime(),
  myRole: CaseRole,
  /** When a coach closed the case (read-only for everyone from then on), or null. Older replies lack it. */
  closedAt: z.iso.datetime().nullable().default(null),
  /** When a closed case will be erased (end of the retention period), or null while it is open. */
  erasesAt: z.iso.datetime().nullable().default(null),
})
export type CaseSummary = z.infer<typeof CaseSummary>

/**
 * Which flow a case follows (contract §8.3): `de` — the German phases,
 * employer and coachee agree; `ch` — the Swiss placement flow, the coaches
 * agree too, Swiss report templates. The case's own setting, else the
 * installation's SERVICE_COUNTRY.
 */
export const CaseFlow = z.enum(['de', 'ch'])
export type CaseFlow = z.infer<typeof CaseFlow>

/** A case with members and the caller's rooms (`GET /api/cases/:id`). */
export const CaseDetail = CaseSummary.extend({
  members: z.array(Member),
  rooms: z.array(CaseRoom),
  /** The flow the case follows; older replies lack it (then `de`). */
  flow: CaseFlow.default('de'),
  /** The case's own flow set by a coach, or null while it follows the installation's default. */
  flowOverride: CaseFlow.nullable().default(null),
})
export type CaseDetail = z.infer<typeof CaseDetail>

/** `POST /api/cases`. */
export const CreateCaseBody = z.object({
  title: CaseTitle,
  type: CaseType.optional(),
})
export type CreateCaseBody = z.infer<typeof CreateCaseBody>

/** `PATCH /api/cases/:id`: at least one field. */
export const UpdateCaseBody = z
  .object({
    title: CaseTitle.optional(),
    type: CaseType.optional(),
    employerCanEdit: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>

/** `PATCH /api/cases/:id/flow` (a coach or an admin): the case's own flow, or null to follow the installation again. */
export const SetCaseFlowBody = z.object({ flow: CaseFlow.nullable() }).strict()
export type SetCaseFlowBody = z.infer<typeof SetCaseFlowBody>

/** The reply of `PATCH /api/cases/:id/flow`: the flow the case follows now, and its own setting. */
export const CaseFlowReply = z.object({ flow: CaseFlow, flowOverride: CaseFlow.nullable() })
export type CaseFlowReply = z.infer<typeof CaseFlowReply>

/** `POST /api/cases/:id/close` (a coach, after the final report). */
export const CloseCaseBody = z.object({}).strict()

/** `POST /api/cases/:id/members`. */
export const AddMemberBody = z.object({ userId: Id, role: CaseRole })
export type AddMemberBody = z.infer<typeof AddMemberBody>

export const CaseSummaryReply = z.object({ case: CaseSummary })
export const CaseReply = z.object({ case: CaseDetail })
export type CaseReply = z.infer<typeof CaseReply>
export const CasesReply = z.object({
  cases: z.array(CaseSummary),
  /** The part of a tandem case each coach carries (TANDEM_SHARE); absent in replies cached from older servers. */
  tandemShare: z.number().gt(0).lte(1).optional(),
})
export type CasesReply = z.infer<typeof CasesReply>
export const MemberReply = z.object({ member: Member })
export type MemberReply = z.infer<typeof MemberReply>
