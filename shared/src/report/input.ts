/**
 * What a report is made of, as plain data, and how to read it from the case's
 * plan and notes documents. Reading is tolerant: an entry that does not fit
 * the schema is left out rather than failing the report, and keys that a
 * newer schema adds (reviews, meetings, hours, outcome) may be missing.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { GoalReview, HoursEntry, Meeting, OutcomeKind, NotesHoursArray, NotesMeetingsArray, NotesReviewsMap, phaseNotes } from '../caseDocument/notes.js'
import { Goal, Participant, Phase, Phases, planApproach, planGoals, planMeta, planParticipants, type GoalStatus } from '../caseDocument/plan.js'
import { reportPartFragment, type ReportKind, type ReportPart } from './parts.js'
import { employabilityRequested, reportPartsFor, type ReportTemplate } from './templates.js'
import type { CaseFlow } from '../api/cases.js'
import type { MeetingKind } from '../caseDocument/notes.js'
import { fragmentToBlocks, type TextBlock } from '../richText/textBlocks.js'

export type CaseType = 'placement' | 'retention'

export interface ReportFrameInput {
  startDate?: string
  expectedEndDate?: string
  hoursBudget?: number
  currentPhase?: Phase
  employerName?: string
  workplace?: string
}

export type ReportGoalInput = Goal

export interface ReportReviewInput {
  stillValid: boolean
  attainment: GoalStatus
  note: string
}

export interface ReportMeetingInput {
  id: string
  kind: MeetingKind
  date: string
  participants: string
  outcome: TextBlock[]
}

export interface ReportHoursInput {
  date: string
  hours: number
  activity: string
  coachId: string
  phase?: Phase
}

/** The outcome kinds a report shows: the notes' kinds (one list, shared/src/caseDocument/notes.ts). */
export type ReportOutcomeKind = OutcomeKind
export interface ReportOutcomeInput {
  kind: ReportOutcomeKind
  how: string
  why: string
}

export interface ReportInput {
  /** ISO date the report is made on. */
  today: string
  case: { title: string; type?: CaseType }
  frame: ReportFrameInput
  participants?: Array<{ name: string; role: string; organisation: string }>
  approach?: TextBlock[]
  goals: ReportGoalInput[]
  /** phase -> goal id -> review (Phasenreflexion). */
  reviews?: Partial<Record<Phase, Record<string, ReportReviewInput>>>
  phaseNotes?: Partial<Record<Phase, TextBlock[]>>
  meetings?: ReportMeetingInput[]
  hours?: ReportHoursInput[]
  /** coach id -> display name. */
  coachNames?: Record<string, string>
  outcome?: ReportOutcomeInput | null
  parts?: Partial<Record<ReportPart, TextBlock[]>>
  /** Which template (issue 19): German without it. */
  template?: ReportTemplate
}

const Outcome = z.object({
  kind: OutcomeKind,
  how: z.string().max(Limits.maxOutcomeTextLength).catch(''),
  why: z.string().max(Limits.maxOutcomeTextLength).catch(''),
})

function json(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

function parseEach<T, E>(array: Y.Array<E>, schema: z.ZodType<T>): T[] {
  const result: T[] = []
  for (const entry of array.toArray()) {
    const parsed = schema.safeParse(json(entry))
    if (parsed.success) {
      result.push(parsed.data)
    }
  }
  return result
}

function optional<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(json(value))
  return parsed.success ? parsed.data : undefined
}

/** Blocks of a root fragment by name; empty when the name holds another type. */
function blocksOfNamedFragment(doc: Y.Doc, name: string): TextBlock[] {
  try {
    return fragmentToBlocks(doc.getXmlFragment(name))
  } catch {
    return []
  }
}

export interface ReportDocsOptions {
  today: string
  /** From the case (API); the plan document does not carry the type. */
  caseType?: CaseType
  /** Falls back to the plan's title. */
  title?: string
  coachNames?: Record<string, string>
  /** The case's flow (API `flow`); the German template without it. */
  flow?: CaseFlow
}

/** Reads everything a report needs from the plan and notes documents; never throws. */
export function reportInputFromDocs(plan: Y.Doc, notes: Y.Doc | null, kind: ReportKind, options: ReportDocsOptions): ReportInput {
  const meta = planMeta(plan)
  const isoDate = z.iso.date()
  const frame: ReportFrameInput = {}
  const startDate = optional(isoDate, meta.get('startDate'))
  const expectedEndDate = optional(isoDate, meta.get('expectedEndDate'))
  const hoursBudget = optional(z.number().min(0), meta.get('hoursBudget'))
  const currentPhase = optional(Phase, meta.get('currentPhase'))
  const employerName = optional(z.string(), meta.get('employerName'))
  const workplace = optional(z.string(), meta.get('workplace'))
  Object.assign(
    frame,
    startDate !== undefined ? { startDate } : {},
    expectedEndDate !== undefined ? { expectedEndDate } : {},
    hoursBudget !== undefined ? { hoursBudget } : {},
    currentPhase !== undefined ? { currentPhase } : {},
    employerName ? { employerName } : {},
    workplace ? { workplace } : {},
  )
  const title = options.title ?? optional(z.string(), meta.get('title')) ?? ''
  const input: ReportInput = {
    today: options.today,
    case: { title, ...(options.caseType ? { type: options.caseType } : {}) },
    frame,
    // Plan v3 (issue 16): the function is the person's own words for what they do; the role key is no word for a report.
    participants: parseEach(planParticipants(plan), Participant).map(({ name, function: text, organisation }) => ({ name, role: text ?? '', organisation })),
    approach: fragmentToBlocks(planApproach(plan)),
    goals: parseEach(planGoals(plan), Goal),
    ...(options.coachNames ? { coachNames: options.coachNames } : {}),
  }
  if (!notes) {
    return input
  }
  const reviews: Partial<Record<Phase, Record<string, ReportReviewInput>>> = {}
  const reviewsMap = notes.getMap<unknown>(NotesReviewsMap)
  for (const phase of Phases) {
    const perPhase = json(reviewsMap.get(phase))
    if (perPhase === null || typeof perPhase !== 'object') {
      continue
    }
    const entries: Record<string, ReportReviewInput> = {}
    for (const [goalId, value] of Object.entries(perPhase)) {
      const review = optional(GoalReview, value)
      if (review) {
        entries[goalId] = review
      }
    }
    if (Object.keys(entries).length > 0) {
      reviews[phase] = entries
    }
  }
  input.reviews = reviews
  input.phaseNotes = Object.fromEntries(Phases.map((phase) => [phase, fragmentToBlocks(phaseNotes(notes, phase))]))
  input.meetings = parseEach(notes.getArray(NotesMeetingsArray), Meeting).map((meeting) => ({
    id: meeting.id,
    kind: meeting.kind,
    date: meeting.date,
    participants: meeting.participants,
    outcome: blocksOfNamedFragment(notes, meeting.fragment),
  }))
  input.hours = parseEach(notes.getArray(NotesHoursArray), HoursEntry).map(({ date, hours, activity, coachId, phase }) => ({
    date,
    hours,
    activity,
    coachId,
    ...(phase ? { phase } : {}),
  }))
  input.outcome = optional(Outcome, json(notes.getMap<unknown>('meta').get('outcome'))) ?? null
  const template: ReportTemplate = { flow: options.flow ?? 'de', employabilityRequested: employabilityRequested(notes) }
  input.template = template
  input.parts = Object.fromEntries(reportPartsFor(kind, template).map((part) => [part, fragmentToBlocks(reportPartFragment(notes, kind, part))]))
  return input
}
