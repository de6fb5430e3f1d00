/**
 * Bodies of the supervision endpoints of contract §5. The endpoints themselves arrive with their issues; the bodies
 * are defined here so both sides share one definition from the start.
 */
import { z } from 'zod'
import { Id } from './common.js'

/** `POST /api/supervision/groups`. */
export const CreateSupervisionGroupBody = z.object({ name: z.string().trim().min(1).max(200) })
export type CreateSupervisionGroupBody = z.infer<typeof CreateSupervisionGroupBody>

/** `POST /api/supervision/groups/:id/members`. */
export const AddGroupMemberBody = z.object({ userId: Id })

/** `POST /api/supervision-copies/:id/release`. */
export const ReleaseCopyBody = z.object({ groupId: Id })
