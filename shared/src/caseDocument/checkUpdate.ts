/**
 * The relay's judgement of what an update does (contract §8.2): applied to
 * a scratch copy of the room's document, the result must fit the room's
 * schema and change only what the writer's role may change. The scratch is
 * the caller's: after a refusal it holds the refused update and must be
 * rebuilt from the room before the next check.
 */
import * as Y from 'yjs'
import type { Role } from '../policy/access.js'
import { firstForbiddenPath } from '../policy/documentEdits.js'
import type { RoomKind } from '../protocol/roomName.js'
import type { ConfidentialField } from './confidential.js'
import { participantMemberIds } from './participantRoles.js'
import { PlanParticipantsArray, planParticipants } from './plan.js'
import { changedPaths, checkChangedRoots, type DocPath, type SchemaRefusal } from './roomSchemas.js'
import { NotesHoursArray } from './notes.js'
import { hoursLockRefusal, lockedEntries, lockedMonths, type HoursLockRefusal } from '../hoursProof/monthLock.js'
import { transactYoung } from '../yjs/youngTransactions.js'

/** Why an update was refused: a schema reason, a place the role may not change, or a locked month of hours. */
export type UpdateRefusal = SchemaRefusal | HoursLockRefusal | { reason: 'forbidden'; detail: string }

/** Who writes, and to which room. */
export interface UpdateWriter {
  kind: RoomKind
  role: Role
  /** The field of a confidential room (its meta must name it). */
  field?: ConfidentialField | undefined
  /** The case's member ids, for a plan room: a participant may name only a member of the case (issue 16). */
  memberIds?: ReadonlySet<string> | undefined
}

/**
 * Applies `update` to `scratch` and judges the result; null when accepted.
 * Throws only what Y.applyUpdate throws for undecodable input (the relay
 * decodes every update before, so that does not happen there).
 */
export function applyAndCheckUpdate(scratch: Y.Doc, update: Uint8Array, writer: UpdateWriter): UpdateRefusal | null {
  // Only a notes room with locked months pays for the comparison (issue 18): the locked entries before the update.
  const locked = writer.kind === 'notes' ? lockedMonths(scratch) : null
  const before = locked !== null && locked.size > 0 ? lockedEntries(scratch, locked) : null
  let paths: DocPath[] = []
  transactYoung(scratch, (transaction) => {
    Y.applyUpdate(scratch, update)
    paths = changedPaths(scratch, transaction.changed)
  })
  const refusal = checkPaths(scratch, paths, writer)
  if (refusal !== null || before === null || locked === null || !paths.some((path) => path.root === NotesHoursArray)) {
    return refusal
  }
  return hoursLockRefusal(before, lockedEntries(scratch, locked))
}

/** Judges changed places of a document that already holds the change. */
export function checkPaths(doc: Y.Doc, paths: readonly DocPath[], writer: UpdateWriter): UpdateRefusal | null {
  const forbidden = firstForbiddenPath(writer.kind, writer.role, paths)
  if (forbidden) {
    const place = forbidden.key === undefined ? forbidden.root : `${forbidden.root}.${forbidden.key}`
    return { reason: 'forbidden', detail: `a ${writer.role} may not change ${place.slice(0, 80)}` }
  }
  const refusal = checkChangedRoots(writer.kind, doc, paths, { field: writer.field })
  if (refusal !== null || writer.kind !== 'plan' || writer.memberIds === undefined || !paths.some((path) => path.root === PlanParticipantsArray)) {
    return refusal
  }
  const stranger = participantMemberIds(planParticipants(doc)).find((memberId) => !writer.memberIds?.has(memberId))
  return stranger === undefined ? null : { reason: 'invalid', detail: 'participants: a participant names someone who is no member of the case' }
}
