/**
 * The measure plan (Maßnahmeplanung) document, schema v3 (contract §8.1;
 * v3: participants have a role from a list and a function, issue 16):
 * root map `meta`, array `goals` of maps, fragment `approach`, array
 * `participants` of maps. Every free-text value is a Y.Text (merges
 * character-wise); dates, numbers and enums are last-writer-wins scalars;
 * the approach is the tiptap fragment. The server migrates v1 rooms
 * (planMigration.ts); readers see strings either way (Y.Text.toJSON).
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { arrayOfMapsToJSON, MetaMapName, readWithSchema, type ReadResult } from './common.js'
import { ParticipantRoles } from './participantRoles.js'
import { mapWithTexts, newText, setTextIn, textIn, textShapeIssues } from './textFields.js'

/** Numbered plan schema versions; every step has a migration (planMigration.ts) and a test. */
export const planVersions = { Initial: 1, TextFields: 2, ParticipantRoles: 3 } as const
/** The plan schema version this code writes and reads. */
export const PlanSchemaVersion = planVersions.ParticipantRoles

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

/** The value of meta.hoursBudgetSource while the approvals make the budget. */
export const HoursBudgetFromApprovals = 'approvals'

export const PlanMeta = z.object({
  schemaVersion: z.literal(PlanSchemaVersion),
  title: z.string().max(Limits.maxTitleLength),
  startDate: isoDate.optional(),
  expectedEndDate: isoDate.optional(),
  hoursBudget: z.number().min(0).max(Limits.maxHoursBudget).optional(),
  /**
   * 'approvals' when the server derives hoursBudget from the case's
   * approvals (issue 18): then only the server writes either key
   * (roomSchemas.ts refuses a client's change) and the form shows the budget
   * read-only. Written by the server only.
   */
  hoursBudgetSource: z.literal(HoursBudgetFromApprovals).optional(),
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

/**
 * A person around the case (plan v3, issue 16): a member of the case
 * (`memberId`, role `member`; the server refuses an id that is no member) or
 * a named person outside Fallbuch with a role and a function.
 */
export const Participant = z.object({
  id: z.string().min(1).max(64),
  /** The case member this participant is, when they have an account (role `member`). */
  memberId: z.string().min(1).max(64).optional(),
  name: z.string().max(Limits.maxNameLength),
  role: z.enum(ParticipantRoles),
  /** What they do around the case ("Schichtleitung", "Reha-Beraterin"); before v3 this was the free-text role. */
  function: shortText.optional(),
  organisation: shortText,
})
export type Participant = z.infer<typeof Participant>

export const Plan = z.object({
  meta: PlanMeta,
  goals: z.array(Goal).max(Limits.maxGoals),
  participants: z.array(Participant).max(Limits.maxParticipants),
})
export type Plan = z.infer<typeof Plan>

/** Keys of the plan meta that a form may edit. */
export type EditablePlanMetaKey = Exclude<keyof PlanMeta, 'schemaVersion' | 'hoursBudgetSource'>

/** Plan meta keys whose value is a Y.Text. */
export const PlanMetaTextKeys = ['title', 'employerName', 'workplace'] as const
export type PlanMetaTextKey = (typeof PlanMetaTextKeys)[number]
/** Plan meta keys whose value is a last-writer-wins scalar. */
export const PlanMetaScalarKeys = ['startDate', 'expectedEndDate', 'hoursBudget', 'currentPhase'] as const
/** Goal keys whose value is a Y.Text. */
export const GoalTextKeys = ['title', 'specific', 'measurable', 'achievable', 'relevant', 'responsible'] as const
export type GoalTextKey = (typeof GoalTextKeys)[number]
/** Goal keys whose value is a scalar. */
export const GoalScalarKeys = ['id', 'timeBound', 'status'] as const
/** Participant keys whose value is a Y.Text. */
export const ParticipantTextKeys = ['name', 'function', 'organisation'] as const
export type ParticipantTextKey = (typeof ParticipantTextKeys)[number]
/** Participant keys whose value is a scalar. */
export const ParticipantScalarKeys = ['id', 'memberId', 'role'] as const

function isTextKey<K extends string>(keys: readonly K[], key: string): key is K {
  return (keys as readonly string[]).includes(key)
}

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
    meta.set('schemaVersion', PlanSchemaVersion)
    // Every text exists from the start: two people typing the first letters
    // into a field whose Y.Text each created on their own would each set a
    // new Y.Text under the key, and one of them would lose what they typed.
    for (const key of PlanMetaTextKeys) {
      meta.set(key, newText(key === 'title' ? init.title : ''))
    }
    meta.set('currentPhase', 'analysis' satisfies Phase)
  })
}

/**
 * Sets one field of the plan meta. A text field's Y.Text is edited in place
 * (merging; `undefined` empties it); a scalar is set, and `undefined` deletes
 * it, so an unset date reads as absent rather than as an empty string.
 */
export function setPlanMetaField<K extends EditablePlanMetaKey>(doc: Y.Doc, key: K, value: PlanMeta[K]): void {
  const meta = planMeta(doc)
  if (isTextKey(PlanMetaTextKeys, key)) {
    setTextIn(meta, key, typeof value === 'string' ? value : '')
  } else if (value === undefined) {
    meta.delete(key)
  } else {
    meta.set(key, value)
  }
}

/**
 * The server's write of the budget the approvals make (issue 18): sets the
 * budget and marks it derived, so clients may no longer change it.
 */
export function setDerivedHoursBudget(doc: Y.Doc, hours: number): void {
  const meta = planMeta(doc)
  if (meta.get('hoursBudget') !== hours) {
    meta.set('hoursBudget', hours)
  }
  if (meta.get('hoursBudgetSource') !== HoursBudgetFromApprovals) {
    meta.set('hoursBudgetSource', HoursBudgetFromApprovals)
  }
}

/** Whether the plan's budget is derived from approvals (read-only for clients). */
export function isHoursBudgetDerived(meta: Pick<PlanMeta, 'hoursBudgetSource'> | Y.Map<unknown>): boolean {
  const source = meta instanceof Y.Map ? meta.get('hoursBudgetSource') : meta.hoursBudgetSource
  return source === HoursBudgetFromApprovals
}

/** The Y.Text of a plan meta text field (created empty when missing), for binding to an input. */
export function planMetaText(doc: Y.Doc, key: PlanMetaTextKey): Y.Text | undefined {
  return textIn(planMeta(doc), key)
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

/** Appends a goal to the plan (its texts as Y.Text). */
export function addGoal(doc: Y.Doc, goal: Goal): void {
  planGoals(doc).push([mapWithTexts(goal, GoalTextKeys)])
}

/** Finds the Y.Map of a goal by id. */
export function findGoalMap(doc: Y.Doc, goalId: string): Y.Map<unknown> | undefined {
  return planGoals(doc)
    .toArray()
    .find((goal) => goal.get('id') === goalId)
}

/** Sets one field of a goal (a text merges in place); `undefined` deletes an optional scalar. */
export function setGoalField<K extends Exclude<keyof Goal, 'id'>>(doc: Y.Doc, goalId: string, key: K, value: Goal[K]): void {
  const goal = findGoalMap(doc, goalId)
  if (!goal) {
    return
  }
  if (isTextKey(GoalTextKeys, key)) {
    setTextIn(goal, key, typeof value === 'string' ? value : '')
  } else if (value === undefined) {
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

/** The Y.Text of one goal's text field, for binding to an input. */
export function goalText(goal: Y.Map<unknown>, key: GoalTextKey): Y.Text | undefined {
  return textIn(goal, key)
}

/** Appends a participant to the plan (name and organisation as Y.Text). */
export function addParticipant(doc: Y.Doc, participant: Participant): void {
  planParticipants(doc).push([mapWithTexts(participant, ParticipantTextKeys)])
}

/** Finds the Y.Map of a participant by id. */
export function findParticipantMap(doc: Y.Doc, participantId: string): Y.Map<unknown> | undefined {
  return planParticipants(doc)
    .toArray()
    .find((participant) => participant.get('id') === participantId)
}

/** Removes a participant by id; no-op when already gone. */
export function removeParticipant(doc: Y.Doc, participantId: string): void {
  const participants = planParticipants(doc)
  const index = participants.toArray().findIndex((participant) => participant.get('id') === participantId)
  if (index >= 0) {
    participants.delete(index, 1)
  }
}

/**
 * Where the plan's Yjs types differ from schema v2 (a plain string where a
 * Y.Text belongs, an entry that is no map): the JSON snapshot cannot show it.
 */
export function planShapeIssues(doc: Y.Doc): string[] {
  const issues = textShapeIssues(planMeta(doc), PlanMetaTextKeys, 'meta')
  for (const [name, array, keys] of [
    ['goals', planGoals(doc), GoalTextKeys],
    ['participants', planParticipants(doc), ParticipantTextKeys],
  ] as const) {
    array.forEach((entry, index) => {
      if (entry instanceof Y.Map) {
        issues.push(...textShapeIssues(entry, keys, `${name}.${index}`))
      }
    })
  }
  return issues
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
  return readWithSchema(doc, planSnapshot(doc), Plan, PlanSchemaVersion, () => planShapeIssues(doc))
}
