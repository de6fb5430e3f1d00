/**
 * A plan as plan schema v2 stored it (issue 14 until issue 16's v3): texts
 * as Y.Text, a participant's role a free text. One fixture for the unit test
 * of the v2 hash found again after the v3 migration (planV2Hash.test.ts) and
 * the integration test of the re-stamp move (agreementRestampV2.test.ts).
 */
import * as Y from 'yjs'
import { planApproach, planGoals, planMeta, planParticipants, planVersions, PlanMetaTextKeys } from '../../shared/src/caseDocument/plan.js'
import { canonicalJson } from '../../shared/src/caseDocument/planContent.js'
import { newText } from '../../shared/src/caseDocument/textFields.js'

/** The fixture's participants: a free-text SBV, a shift lead, one with no role text, one naming a member. */
export const planV2Participants = [
  { id: 'p1', name: 'Frau Aydin', role: 'Schwerbehindertenvertretung', organisation: 'Getränke Nord GmbH' },
  { id: 'p2', name: 'Herr Brandt', role: 'Schichtleitung', organisation: 'Getränke Nord GmbH' },
  { id: 'p3', name: 'Herr Ott', role: null, organisation: '' },
  { id: 'p4', name: 'Petra Kaya', role: 'Arbeitgeberin', organisation: 'Getränke Nord GmbH', memberId: 'memberPetraAAAAAAAAAAA' },
] as const

/** Writes the v2 plan into a document in one transaction: meta, one goal, the participants and an approach paragraph. */
export interface PlanV2Options {
  /** The goal's `measurable` (agreements in the fixture differ in it). */
  measurable?: string
  /** The member id the fourth participant names (a real member in an integration test). */
  memberId?: string
}

export function writePlanV2(doc: Y.Doc, { measurable = '20 Aufträge pro Schicht', memberId: memberOverride }: PlanV2Options = {}): void {
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', planVersions.TextFields)
    for (const key of PlanMetaTextKeys) {
      meta.set(key, newText(key === 'title' ? 'Einarbeitung Lager' : ''))
    }
    meta.set('startDate', '2026-03-02')
    meta.set('expectedEndDate', '2026-09-30')
    meta.set('hoursBudget', 120)
    meta.set('currentPhase', 'selfIntegration')
    const goal = new Y.Map<unknown>()
    goal.set('id', 'g1')
    for (const [key, value] of Object.entries({ title: 'Kommissionieren', specific: 'allein', measurable, achievable: 'mit Scanner', relevant: 'Kern', responsible: 'Frau Kaya' })) {
      goal.set(key, newText(value))
    }
    goal.set('timeBound', '2026-06-30')
    goal.set('status', 'open')
    planGoals(doc).push([goal])
    for (const { role, memberId, ...fields } of planV2Participants.map((p) => ({ memberId: undefined as string | undefined, ...p }))) {
      const participant = new Y.Map<unknown>()
      participant.set('id', fields.id)
      participant.set('name', newText(fields.name))
      participant.set('organisation', newText(fields.organisation))
      if (role !== null) {
        participant.set('role', newText(role))
      }
      if (memberId !== undefined) {
        participant.set('memberId', memberOverride ?? memberId)
      }
      planParticipants(doc).push([participant])
    }
    const paragraph = new Y.XmlElement('paragraph')
    planApproach(doc).insert(0, [paragraph])
    paragraph.insert(0, [new Y.XmlText('Begleitung zweimal pro Woche')])
  })
}

/** A fresh document holding the v2 plan. */
export function planV2(options: PlanV2Options = {}): Y.Doc {
  const doc = new Y.Doc()
  writePlanV2(doc, options)
  return doc
}

/**
 * Plan v2's agreed-content hash input, written out on its own (planContent.ts
 * before 5a90c01): participants as `id`, `name`, `role`, `organisation`.
 * Its SHA-256 is what an agreement given on v2 content carries.
 */
export function v2AgreedHashInput(doc: Y.Doc): string {
  const pick = (value: unknown, keys: readonly string[]): unknown =>
    value instanceof Y.Map ? Object.fromEntries(keys.map((key) => [key, (value.toJSON() as Record<string, unknown>)[key]])) : null
  const meta = planMeta(doc).toJSON() as Record<string, unknown>
  return canonicalJson({
    agreed: {
      duration: { startDate: meta.startDate, expectedEndDate: meta.expectedEndDate },
      hoursBudget: meta.hoursBudget,
      goals: planGoals(doc).toArray().map((goal) => pick(goal, ['id', 'title', 'specific', 'measurable', 'achievable', 'relevant', 'responsible', 'timeBound'])),
      participants: planParticipants(doc).toArray().map((participant) => pick(participant, ['id', 'name', 'role', 'organisation'])),
    },
    approach: planApproach(doc).toJSON(),
  })
}
