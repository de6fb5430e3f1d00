/**
 * What changed in the measure plan between two versions (contract §8.4):
 * the agreed content (caseDocument/planContent.ts — goals' texts and dates,
 * participants, duration, hours budget) and the approach as plain text,
 * word by word, and the Swiss three-party agreement's parts (issue 19, A6).
 * Progress (phase, goal status) and the title are no part of it, as they are
 * no part of an agreement.
 */
import type * as Y from 'yjs'
import type { PlanVersionContent } from '../api/versions.js'
import { AgreementPartKeys, type AgreementPartKey, type AgreementParts } from '../caseDocument/agreementParts.js'
import { agreedPlanContent } from '../caseDocument/planContent.js'
import { GoalTextKeys, planApproach } from '../caseDocument/plan.js'
import { fragmentToPlainText } from '../richText/plainText.js'
import { asText, diffEntries, diffField, type ComparableEntry, type EntryDiff, type FieldDiff } from './textDiff.js'

/** The goal fields a diff compares, in reading order. */
export const GoalDiffKeys = [...GoalTextKeys, 'timeBound'] as const
/** The participant fields a diff compares. */
export const ParticipantDiffKeys = ['name', 'role', 'organisation'] as const
/** The plan-level fields a diff compares. */
export const PlanFieldDiffKeys = ['startDate', 'expectedEndDate', 'hoursBudget', 'approach'] as const

/** The comparable content of a plan: every value as a string. */
export interface ComparablePlan {
  startDate: string
  expectedEndDate: string
  hoursBudget: string
  approach: string
  goals: ComparableEntry[]
  participants: ComparableEntry[]
  /** The A6 parts ('' where empty). */
  agreementParts: Record<AgreementPartKey, string>
}

/** What changed between two plans. */
export interface PlanDiff {
  /** Duration, hours budget and approach. */
  fields: FieldDiff[]
  goals: EntryDiff[]
  participants: EntryDiff[]
  /** The three-party agreement's parts that changed (`field`: the part's key), in the agreement's order. */
  agreementParts: FieldDiff[]
  /** Whether anything changed at all. */
  changed: boolean
}

function entriesOf(list: unknown, keys: readonly string[]): ComparableEntry[] {
  if (!Array.isArray(list)) {
    return []
  }
  return list.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') {
      return []
    }
    const record = item as Record<string, unknown>
    const entry: ComparableEntry = { id: asText(record.id) }
    for (const key of keys) {
      entry[key] = asText(record[key])
    }
    return [entry]
  })
}

/** Every part as a string ('' where missing). */
function partsOf(parts: AgreementParts | Readonly<Record<string, unknown>> | undefined): Record<AgreementPartKey, string> {
  return Object.fromEntries(AgreementPartKeys.map((key) => [key, asText(parts?.[key])])) as Record<AgreementPartKey, string>
}

/** The comparable content of a plan document (the live one, or a version's). */
export function comparablePlanOfDoc(doc: Y.Doc): ComparablePlan {
  const agreed = agreedPlanContent(doc)
  const duration = (agreed.duration ?? {}) as Record<string, unknown>
  return {
    startDate: asText(duration.startDate),
    expectedEndDate: asText(duration.expectedEndDate),
    hoursBudget: asText(agreed.hoursBudget),
    approach: fragmentToPlainText(planApproach(doc)),
    goals: entriesOf(agreed.goals, GoalDiffKeys),
    participants: entriesOf(agreed.participants, ParticipantDiffKeys),
    agreementParts: partsOf(agreed.agreementParts as Readonly<Record<string, unknown>> | undefined),
  }
}

/** The comparable content of a version as the API gives it; null when the version did not read. */
export function comparablePlanOfContent(content: PlanVersionContent): ComparablePlan | null {
  const plan = content.plan
  if (!plan) {
    return null
  }
  return {
    startDate: asText(plan.meta.startDate),
    expectedEndDate: asText(plan.meta.expectedEndDate),
    hoursBudget: asText(plan.meta.hoursBudget),
    approach: content.approach.text,
    goals: entriesOf(plan.goals, GoalDiffKeys),
    participants: entriesOf(plan.participants, ParticipantDiffKeys),
    agreementParts: partsOf(content.agreementParts),
  }
}

/** What changed from `before` to `after`. */
export function planDiff(before: ComparablePlan, after: ComparablePlan): PlanDiff {
  const fields = PlanFieldDiffKeys.map((key) => diffField(key, before[key], after[key])).filter((field): field is FieldDiff => field !== null)
  const goals = diffEntries(before.goals, after.goals, GoalDiffKeys, 'title')
  const participants = diffEntries(before.participants, after.participants, ParticipantDiffKeys, 'name')
  const agreementParts = AgreementPartKeys.map((key) => diffField(key, before.agreementParts[key], after.agreementParts[key])).filter(
    (field): field is FieldDiff => field !== null,
  )
  return { fields, goals, participants, agreementParts, changed: fields.length + goals.length + participants.length + agreementParts.length > 0 }
}
