/**
 * Bodies of the supervision endpoints of contract §5 (issue 6). The replies
 * and the rest of the supervision API are in `supervision.ts`.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { Id } from './common.js'

/** `POST /api/supervision/groups` (admin). */
export const CreateSupervisionGroupBody = z.object({ name: z.string().trim().min(1).max(Limits.maxGroupNameLength) })
export type CreateSupervisionGroupBody = z.infer<typeof CreateSupervisionGroupBody>

/** `POST /api/supervision/groups/:id/members` (admin): a staff account (supervisor or coach). */
export const AddGroupMemberBody = z.object({ userId: Id })
export type AddGroupMemberBody = z.infer<typeof AddGroupMemberBody>

/** `POST /api/supervision-copies/:id/release` (the copy's author, a member of the group). */
export const ReleaseCopyBody = z.object({ groupId: Id })
export type ReleaseCopyBody = z.infer<typeof ReleaseCopyBody>
