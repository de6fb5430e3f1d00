/**
 * The measure plan (Maßnahmeplanung) document, schema v1 (contract §3.1):
 * root map `meta`, array `goals` of maps, fragment `approach`, array
 * `participants` of maps. Scalars are last-writer-wins per key; rich text is
 * the tiptap fragment.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { arrayOfMapsToJSON, CurrentSchemaVersion, MetaMapName, readWithSchema, type ReadResult } from './common.js'

export const planVersions = { Initial: 1 } as const

/** The four process phases of Jobcoaching^AP, in order. */
export const Phases = ['analysis', 'selfIntegration', 'intervention', 'stabilisation'] as const
export const Phase = z.enum(Phases)
export type Phase = z.infer<typeof Phase>

export const GoalStatuses = ['open', 'achieved', 'partlyAchieved', 'notAchieved', 'dropped'] as const
export const GoalStatus = z.enum(GoalStatuses)
export type GoalStatus = z.infer<typeof GoalStatus>

export const PlanGoalsArray = 'goals'
export const PlanParticipantsArray = 'participants'
export const PlanApproachFragment = 'approach'

const shortText = z.string().max(Limits.maxShortTextLength)
const isoDate = z.iso.date()

export const PlanMeta = z.object({
  schemaVersion: z.literal(CurrentSchemaVersion),
  title: z.string().max(Limits.maxTitleLength),
  startDate: isoDate.optional(),
  expectedEndDate: isoDate.optional(),
  hoursBudget: z.number().min(0).max(Limits.maxHoursBudget).optional(),
  currentPhase: Phase,
  employerName: shortText.optional(),
  workplace: shortText.optional(),
})
export type PlanMeta = z.infer<typeof PlanMeta>

export const Goal = z.object({
  id: z.string().min(1).max(64),
  title: shortText,
  specific: shortText,
  measurable: shortText,
  achievable: shortText,
  relevant: shortText,
  timeBound: isoDate.optional(),
  responsible: shortText,
  status: GoalStatus,
})
export type Goal = z.infer<typeof Goal>

export const Participant = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(Limits.maxNameLength),
  role: shortText,
  organisation: shortText,
})
export type Participant = z.infer<typeof Participant>

export const Plan = z.object({
  meta: PlanMeta,
  goals: z.array(Goal).max(Limits.maxGoals),
  participants: z.array(Participant).max(Limits.maxParticipants),
})
export type Plan = z.infer<typeof Plan>

/** Scalar keys of the plan meta that a form may edit. */
export type EditablePlanMetaKey = Exclude<keyof PlanMeta, 'schemaVersion'>

/** The root map holding the plan's scalar fields. */
export function planMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MetaMapName)
}

/** The goals of a plan, one Y.Map each. */
export function planGoals(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(PlanGoalsArray)
}

/** The participants of a plan, one Y.Map each. */
export function planParticipants(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(PlanParticipantsArray)
}

/** The rich-text approach (Vorgehen) of the plan. */
export function planApproach(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(PlanApproachFragment)
}

/** Writes the initial content of a new plan. */
export function initPlanDoc(doc: Y.Doc, init: { title: string }): void {
  doc.transact(() => {
    const meta = planMeta(doc)
    meta.set('schemaVersion', CurrentSchemaVersion)
    meta.set('title', init.title)
    meta.set('currentPhase', 'analysis' satisfies Phase)
  })
}

/**
 * Sets or clears one scalar of the plan meta. `undefined` deletes the key, so
 * an unset date reads as absent rather than as an empty string.
 */
export function setPlanMetaField<K extends EditablePlanMetaKey>(doc: Y.Doc, key: K, value: PlanMeta[K]): void {
  const meta = planMeta(doc)
  if (value === undefined) {
    meta.delete(key)
  } else {
    meta.set(key, value)
  }
}

/** A new goal with empty SMART parts. */
export function emptyGoal(id: string): Goal {
  return {
    id,
    title: '',
    specific: '',
    measurable: '',
    achievable: '',
    relevant: '',
    responsible: '',
    status: 'open',
  }
}

function mapFromRecord(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) {
      map.set(key, value)
    }
  }
  return map
}

/** Appends a goal to the plan. */
export function addGoal(doc: Y.Doc, goal: Goal): void {
  planGoals(doc).push([mapFromRecord(goal)])
}

/** Finds the Y.Map of a goal by id. */
export function findGoalMap(doc: Y.Doc, goalId: string): Y.Map<unknown> | undefined {
  return planGoals(doc)
    .toArray()
    .find((goal) => goal.get('id') === goalId)
}

/** Sets one field of a goal; `undefined` deletes an optional field. */
export function setGoalField<K extends Exclude<keyof Goal, 'id'>>(doc: Y.Doc, goalId: string, key: K, value: Goal[K]): void {
  const goal = findGoalMap(doc, goalId)
  if (!goal) {
    return
  }
  if (value === undefined) {
    goal.delete(key)
  } else {
    goal.set(key, value)
  }
}

/** Removes a goal by id; no-op when it is already gone (a concurrent delete). */
export function removeGoal(doc: Y.Doc, goalId: string): void {
  const goals = planGoals(doc)
  const index = goals.toArray().findIndex((goal) => goal.get('id') === goalId)
  if (index >= 0) {
    goals.delete(index, 1)
  }
}

/** Appends a participant to the plan. */
export function addParticipant(doc: Y.Doc, participant: Participant): void {
  planParticipants(doc).push([mapFromRecord(participant)])
}

/** A plain snapshot of the plan's structured content (not the rich text). */
export function planSnapshot(doc: Y.Doc): unknown {
  return {
    meta: planMeta(doc).toJSON(),
    goals: arrayOfMapsToJSON(planGoals(doc)),
    participants: arrayOfMapsToJSON(planParticipants(doc)),
  }
}

/** Reads and validates the plan; never throws. */
export function readPlan(doc: Y.Doc): ReadResult<Plan> {
  return readWithSchema(doc, planSnapshot(doc), Plan)
}
