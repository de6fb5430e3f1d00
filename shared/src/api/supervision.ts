/**
 * The supervision API (contract §5 and §7, issue 6): groups, anonymised
 * copies, redaction and release. Request bodies of the contract are in
 * `collaboration.ts`; this file adds the replies and the endpoints the
 * contract leaves open.
 *
 * - `GET /api/supervision/groups` -> {groups}: an admin sees every group,
 *   anyone else the groups they are a member of.
 * - `DELETE /api/supervision/groups/:id/members/:userId` (admin) -> 204; the
 *   member's open connections to the group's copies close with 4403.
 * - `POST /api/cases/:id/supervision-copies` {} (a coach of the case) -> 201
 *   {copy, legend, replacements}.
 * - `GET /api/supervision-copies` -> {copies}: the caller's own copies and
 *   the copies released to the caller's groups.
 * - `GET /api/supervision-copies/:id` -> {copy}.
 * - `GET /api/supervision-copies/:id/legend` (the author, while the case
 *   exists) -> {legend, replacements}: computed again, never stored.
 * - `POST /api/supervision-copies/:id/redactions` {texts} (the author, before
 *   release) -> 201 {copy, legend, replacements}: a NEW copy with the
 *   accumulated redactions; the old copy and its room are deleted.
 * - `POST /api/supervision-copies/:id/release` {groupId} -> 200 {copy}.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { ReplacementKind } from '../caseDocument/supervisionCopy.js'
import { Access } from './cases.js'
import { Id } from './common.js'

/** A member of a supervision group. */
export const SupervisionGroupMember = z.object({
  groupId: Id,
  userId: Id,
  name: z.string(),
  email: z.string(),
  addedAt: z.iso.datetime(),
})
export type SupervisionGroupMember = z.infer<typeof SupervisionGroupMember>

/** A supervision or intervision group with its members. */
export const SupervisionGroup = z.object({
  id: Id,
  name: z.string(),
  createdAt: z.iso.datetime(),
  members: z.array(SupervisionGroupMember),
})
export type SupervisionGroup = z.infer<typeof SupervisionGroup>

export const SupervisionGroupReply = z.object({ group: SupervisionGroup })
export type SupervisionGroupReply = z.infer<typeof SupervisionGroupReply>
export const SupervisionGroupsReply = z.object({ groups: z.array(SupervisionGroup) })
export type SupervisionGroupsReply = z.infer<typeof SupervisionGroupsReply>
export const SupervisionGroupMemberReply = z.object({ member: SupervisionGroupMember })
export type SupervisionGroupMemberReply = z.infer<typeof SupervisionGroupMemberReply>

/** `POST /api/supervision-copies/:id/redactions`: more text to black out (may be empty: rebuild with the current identifiers). */
export const RedactCopyBody = z.object({
  texts: z.array(z.string().trim().min(1).max(Limits.maxRedactionLength)).max(Limits.maxRedactionTexts),
})
export type RedactCopyBody = z.infer<typeof RedactCopyBody>

/** A supervision copy as listed; what the caller may see of it. */
export const SupervisionCopySummary = z.object({
  id: Id,
  /** `supervision/<id>` */
  room: z.string(),
  /** `supervision/<id>/discussion` */
  discussionRoom: z.string(),
  /** The anonymised case title. */
  title: z.string(),
  createdAt: z.iso.datetime(),
  authorName: z.string(),
  /** Whether the caller wrote it. */
  mine: z.boolean(),
  /** The source case: only for the author, null once the case was erased. */
  sourceCaseId: Id.nullable(),
  releasedAt: z.iso.datetime().nullable(),
  releasedGroupId: Id.nullable(),
  releasedGroupName: z.string().nullable(),
  /** The author's redactions so far (only for the author, before release). */
  redactions: z.array(z.string()),
  /** The caller's access to the copy and to its discussion. */
  access: z.object({ copy: Access, discussion: Access }),
})
export type SupervisionCopySummary = z.infer<typeof SupervisionCopySummary>

export const SupervisionCopyReply = z.object({ copy: SupervisionCopySummary })
export type SupervisionCopyReply = z.infer<typeof SupervisionCopyReply>
export const SupervisionCopiesReply = z.object({ copies: z.array(SupervisionCopySummary) })
export type SupervisionCopiesReply = z.infer<typeof SupervisionCopiesReply>

/** A legend line: which known identifier a placeholder stands for (author only, never stored). */
export const LegendLine = z.object({ placeholder: z.string(), kind: ReplacementKind, identifier: z.string() })
export type LegendLine = z.infer<typeof LegendLine>

/** One replacement made (for the author's review). */
export const ReplacementLine = z.object({
  placeholder: z.string(),
  kind: ReplacementKind,
  start: z.number().int(),
  end: z.number().int(),
  location: z.union([
    z.object({ type: z.literal('field'), path: z.array(z.union([z.string(), z.number()])) }),
    z.object({ type: z.literal('richText'), fragment: z.string(), block: z.number().int() }),
  ]),
})
export type ReplacementLine = z.infer<typeof ReplacementLine>

/** The legend and the replacements, for the author only. */
export const CopyReview = z.object({ legend: z.array(LegendLine), replacements: z.array(ReplacementLine) })
export type CopyReview = z.infer<typeof CopyReview>

/** `POST /api/cases/:id/supervision-copies` and `POST …/redactions`. */
export const CreatedCopyReply = CopyReview.extend({ copy: SupervisionCopySummary })
export type CreatedCopyReply = z.infer<typeof CreatedCopyReply>
