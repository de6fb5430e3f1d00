/**
 * The agreed-content hash of plan v2 (issue 16). Plan v3 moved a
 * participant's free-text role into `function` and gave it a role from a
 * list, which changed the agreed-content hash of every plan with
 * participants: an agreement to v2 content read as agreement to "another
 * version" after the migration although nothing agreed had changed. Kept
 * only so the server can re-stamp those agreements once
 * (server/src/storage/migrations/restampLegacyAgreements.ts).
 */
import type * as Y from 'yjs'
import { arrayOfMapsToJSON } from './common.js'
import { roleFromLegacyText } from './participantRoles.js'
import { planParticipants, planApproach } from './plan.js'
import { agreedPlanContent, canonicalJson } from './planContent.js'

/** A v2 participant's `role` text may have been absent; with more empty ones than this only "all absent" and "all empty" are tried. */
const maxEmptyVariants = 4

/** The role the v2 -> v3 migration gives a participant (migrations.ts `planParticipantRoles`). */
function migratedRole(participant: Record<string, unknown>, text: string): string {
  return typeof participant.memberId === 'string' ? 'member' : roleFromLegacyText(text)
}

/**
 * The v2 hash inputs of the plan as it is now (v3): the participants as v2
 * hashed them (`id`, `name`, the old role text — now the function — and
 * `organisation`). Empty when a participant's role is not the one the
 * migration derived from its text: its role was changed since, which is a
 * change of agreed content. A function that is empty may have been an
 * absent role in v2; both variants are returned.
 */
export function v2PlanHashInputs(doc: Y.Doc): string[] {
  const participants = arrayOfMapsToJSON(planParticipants(doc)) as Array<Record<string, unknown> | null>
  const shaped: Array<Record<string, unknown> | null> = []
  for (const participant of participants) {
    if (participant === null || typeof participant !== 'object') {
      shaped.push(null)
      continue
    }
    const text = typeof participant.function === 'string' ? participant.function : ''
    if (participant.role !== migratedRole(participant, text)) {
      return []
    }
    shaped.push({ id: participant.id, name: participant.name, role: text, organisation: participant.organisation })
  }
  const empty = shaped.flatMap((participant, index) => (participant !== null && participant.role === '' ? [index] : []))
  const absentSets: number[][] =
    empty.length <= maxEmptyVariants ? empty.reduce<number[][]>((all, index) => [...all, ...all.map((set) => [...set, index])], [[]]) : [[], empty]
  const agreed = agreedPlanContent(doc)
  const approach = planApproach(doc).toJSON()
  return absentSets.map((absent) => {
    const v2Participants = shaped.map((participant, index) => (participant !== null && absent.includes(index) ? { ...participant, role: undefined } : participant))
    return canonicalJson({ agreed: { ...agreed, participants: v2Participants }, approach })
  })
}
