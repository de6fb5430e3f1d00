/**
 * A plan as the v1 app stored it (before plan schema v2, issue 14): every
 * text a plain string. One fixture for the tests of the v1 -> v2 migration
 * (shared/src/caseDocument/migrations.test.ts), of the v1 hash found again
 * after it (legacyPlanHash.test.ts) and of the agreements re-stamped by the
 * one-time data move (test/integration/agreementRestamp.test.ts).
 */
import * as Y from 'yjs'
import { planApproach, planGoals, planMeta, planParticipants } from '../../shared/src/caseDocument/plan.js'

/** The fixture's goal, as the v1 app stored it. */
export const planV1Goal = {
  id: 'g1',
  title: 'Kommissionieren nach Liste',
  specific: 'Aufträge allein zusammenstellen',
  measurable: '20 Aufträge pro Schicht',
  achievable: 'mit Scanner',
  relevant: 'Kernaufgabe',
  timeBound: '2026-06-30',
  responsible: 'Frau Kaya',
  status: 'open',
} as const

export interface PlanV1Options {
  /** The goal's `measurable` (agreements in the fixture differ in it). */
  measurable?: string
  /** Without employerName and workplace: the v1 app left them absent until someone typed one. */
  withoutEmployer?: boolean
  /** Without the participant (plan v3 reshapes participants on migration, which changes the agreed-content hash). */
  withoutParticipants?: boolean
}

/**
 * Writes the v1 plan into a document in one transaction (a provider's or a
 * fresh one): meta, one goal, one participant and an approach paragraph.
 */
export function writePlanV1(doc: Y.Doc, { measurable = planV1Goal.measurable, withoutEmployer = false, withoutParticipants = false }: PlanV1Options = {}): void {
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', 1)
    meta.set('title', 'Einarbeitung Lager')
    meta.set('startDate', '2026-03-02')
    meta.set('expectedEndDate', '2026-09-30')
    meta.set('hoursBudget', 120)
    meta.set('currentPhase', 'selfIntegration')
    if (!withoutEmployer) {
      meta.set('employerName', 'Getränke Nord GmbH')
      meta.set('workplace', 'Lager, Halle 2')
    }
    const goal = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({ ...planV1Goal, measurable })) {
      goal.set(key, value)
    }
    planGoals(doc).push([goal])
    if (!withoutParticipants) {
      const participant = new Y.Map<unknown>()
      participant.set('id', 'p1')
      participant.set('name', 'Herr Brandt')
      participant.set('role', 'Vorarbeiter')
      participant.set('organisation', 'Getränke Nord GmbH')
      planParticipants(doc).push([participant])
    }
    const paragraph = new Y.XmlElement('paragraph')
    planApproach(doc).insert(0, [paragraph])
    paragraph.insert(0, [new Y.XmlText('Begleitung zweimal pro Woche')])
  })
}

/** A fresh document holding the v1 plan. */
export function planV1(options: PlanV1Options = {}): Y.Doc {
  const doc = new Y.Doc()
  writePlanV1(doc, options)
  return doc
}

/**
 * The v1 app's plan hash input, written out on its own (8b30908's
 * planContent.ts): the whole plan as stored, keys sorted at every level.
 * Its SHA-256 is what an agreement of the v1 app carries.
 */
export function v1PlanHashInput(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, entry]) => entry !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, entry]) => [key, sorted(entry)]),
          )
        : value
  const maps = (array: Y.Array<unknown>): unknown[] => array.toArray().map((entry) => (entry instanceof Y.Map ? entry.toJSON() : null))
  return JSON.stringify(
    sorted({
      structured: { meta: planMeta(doc).toJSON(), goals: maps(doc.getArray('goals')), participants: maps(doc.getArray('participants')) },
      approach: planApproach(doc).toJSON(),
    }),
  )
}
