/**
 * Builds the interim report (Zwischenbericht) or the final report
 * (Abschlussbericht) from plain case data. Pure: the same input gives the
 * same report. What a final report must show follows the quality standards
 * (../../../../shared/domain/qualitaetsstandards-jobcoaching.txt): the frame
 * agreed in the plan, goal attainment (per phase review), the course of the
 * phases, the evaluation meetings, the hours against the budget, the outcome
 * (job secured / reached or the reasons why not), participation before and
 * after, and the participants' assessment. `gaps` lists what is still missing.
 */
import { GoalStatuses, Phases, type GoalStatus, type Phase } from '../caseDocument/plan.js'
import { SecuredOutcomeKinds } from '../caseDocument/notes.js'
import type { ReportFrameInput, ReportHoursInput, ReportInput, ReportMeetingInput, ReportOutcomeInput } from './input.js'
import type { ReportKind, ReportPart } from './parts.js'
import { GermanTemplate, reportPartsFor, type ReportTemplate } from './templates.js'
import { blocksToPlainText } from '../richText/plainText.js'
import type { TextBlock } from '../richText/textBlocks.js'

export interface ReportGoalReview {
  phase: Phase
  stillValid: boolean
  attainment: GoalStatus
  note: string
}

export interface ReportGoal {
  /** 1-based, in plan order. */
  number: number
  id: string
  title: string
  specific: string
  measurable: string
  achievable: string
  relevant: string
  responsible: string
  timeBound?: string
  /** The status recorded in the plan. */
  status: GoalStatus
  /** Phase reviews of this goal, in phase order. */
  reviews: ReportGoalReview[]
  /** The latest review's attainment, or the plan status when never reviewed. */
  attainment: GoalStatus
}

export interface ReportSection {
  blocks: TextBlock[]
  text: string
}

export interface ReportHours {
  total: number
  budget?: number
  /** budget - total (negative when over). */
  remaining?: number
  /** total / budget, e.g. 0.75. */
  usedShare?: number
  overBudget: boolean
  byPhase: Array<{ phase: Phase | null; hours: number }>
  byCoach: Array<{ coachId: string; name: string; hours: number }>
  entries: number
}

export type ReportGap =
  | { code: 'noGoals' }
  | { code: 'unreviewedGoals'; goals: number[] }
  | { code: 'noMidtermMeeting' }
  | { code: 'noFinalMeeting' }
  | { code: 'noOutcome' }
  /** The case ended early (Abbruch) and the outcome gives no reason. */
  | { code: 'abortWithoutReason' }
  | { code: 'emptyPart'; part: ReportPart }
  | { code: 'overBudget' }

export interface Report {
  kind: ReportKind
  generatedOn: string
  title: string
  caseType?: 'placement' | 'retention'
  frame: ReportFrameInput
  participants: Array<{ name: string; role: string; organisation: string }>
  approach: ReportSection
  goals: ReportGoal[]
  /** How many goals are at each attainment (latest). */
  goalSummary: Record<GoalStatus, number>
  phases: Array<{ phase: Phase } & ReportSection>
  meetings: Array<Omit<ReportMeetingInput, 'outcome'> & { outcome: ReportSection }>
  hours: ReportHours
  outcome: ReportOutcomeInput | null
  /** true: job secured or reached; false: not; null: no outcome recorded. */
  secured: boolean | null
  parts: Array<{ name: ReportPart } & ReportSection>
  gaps: ReportGap[]
  /** The template the parts follow (issue 19). */
  template: ReportTemplate
}

function section(blocks: TextBlock[] | undefined): ReportSection {
  const list = blocks ?? []
  return { blocks: list, text: blocksToPlainText(list) }
}

/** Rounds hours to two decimals (sums of floats). */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100
}

export function summariseHours(entries: ReportHoursInput[], budget: number | undefined, coachNames: Record<string, string> = {}): ReportHours {
  const byPhase = new Map<Phase | null, number>()
  const byCoach = new Map<string, number>()
  let total = 0
  for (const entry of entries) {
    total += entry.hours
    const phase = entry.phase ?? null
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + entry.hours)
    byCoach.set(entry.coachId, (byCoach.get(entry.coachId) ?? 0) + entry.hours)
  }
  total = roundHours(total)
  const phaseOrder: Array<Phase | null> = [...Phases, null]
  const hours: ReportHours = {
    total,
    overBudget: budget !== undefined && total > budget,
    byPhase: phaseOrder.filter((phase) => byPhase.has(phase)).map((phase) => ({ phase, hours: roundHours(byPhase.get(phase) ?? 0) })),
    byCoach: [...byCoach.entries()]
      .map(([coachId, sum]) => ({ coachId, name: coachNames[coachId] ?? coachId, hours: roundHours(sum) }))
      .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name)),
    entries: entries.length,
  }
  if (budget !== undefined) {
    hours.budget = budget
    hours.remaining = roundHours(budget - total)
    if (budget > 0) {
      hours.usedShare = total / budget
    }
  }
  return hours
}

function isSecured(outcome: ReportOutcomeInput | null | undefined): boolean | null {
  if (!outcome) {
    return null
  }
  return SecuredOutcomeKinds.includes(outcome.kind)
}

/** Builds a report; never throws for well-typed input. */
export function buildReport(kind: ReportKind, input: ReportInput): Report {
  const reviews = input.reviews ?? {}
  const goals: ReportGoal[] = input.goals.map((goal, index) => {
    const goalReviews: ReportGoalReview[] = []
    for (const phase of Phases) {
      const review = reviews[phase]?.[goal.id]
      if (review) {
        goalReviews.push({ phase, ...review })
      }
    }
    const latest = goalReviews[goalReviews.length - 1]
    return {
      number: index + 1,
      id: goal.id,
      title: goal.title,
      specific: goal.specific,
      measurable: goal.measurable,
      achievable: goal.achievable,
      relevant: goal.relevant,
      responsible: goal.responsible,
      ...(goal.timeBound ? { timeBound: goal.timeBound } : {}),
      status: goal.status,
      reviews: goalReviews,
      attainment: latest?.attainment ?? goal.status,
    }
  })
  const goalSummary = Object.fromEntries(GoalStatuses.map((status) => [status, 0])) as Record<GoalStatus, number>
  for (const goal of goals) {
    goalSummary[goal.attainment]++
  }

  // An interim report shows the state up to its date.
  const upToToday = <T extends { date: string }>(entries: T[]): T[] => (kind === 'interim' ? entries.filter((entry) => entry.date <= input.today) : entries)
  const meetings = upToToday([...(input.meetings ?? [])])
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
    .map((meeting) => ({ ...meeting, outcome: section(meeting.outcome) }))
  const hours = summariseHours(upToToday(input.hours ?? []), input.frame.hoursBudget, input.coachNames)
  const outcome = kind === 'final' ? (input.outcome ?? null) : null
  const secured = isSecured(outcome)
  // The template decides the parts; a German report never gets an employability part, whatever the input holds.
  const parts = reportPartsFor(kind, input.template).map((name) => ({ name, ...section(input.parts?.[name]) }))

  const gaps: ReportGap[] = []
  if (goals.length === 0) {
    gaps.push({ code: 'noGoals' })
  }
  const unreviewed = goals.filter((goal) => goal.reviews.length === 0).map((goal) => goal.number)
  if (unreviewed.length > 0) {
    gaps.push({ code: 'unreviewedGoals', goals: unreviewed })
  }
  if (kind === 'interim' && !meetings.some((meeting) => meeting.kind === 'midterm')) {
    gaps.push({ code: 'noMidtermMeeting' })
  }
  if (kind === 'final' && !meetings.some((meeting) => meeting.kind === 'final')) {
    gaps.push({ code: 'noFinalMeeting' })
  }
  if (kind === 'final' && !outcome) {
    gaps.push({ code: 'noOutcome' })
  }
  if (outcome?.kind === 'aborted' && outcome.why.trim() === '') {
    gaps.push({ code: 'abortWithoutReason' })
  }
  for (const part of parts) {
    // Reasons are only asked for when the job was not secured or reached.
    const needed = part.name !== 'reasonsIfNotSecured' || secured === false
    if (needed && part.text.trim() === '' && !(part.name === 'reasonsIfNotSecured' && outcome?.why.trim())) {
      gaps.push({ code: 'emptyPart', part: part.name })
    }
  }
  if (hours.overBudget) {
    gaps.push({ code: 'overBudget' })
  }

  return {
    kind,
    generatedOn: input.today,
    title: input.case.title,
    ...(input.case.type ? { caseType: input.case.type } : {}),
    frame: input.frame,
    participants: input.participants ?? [],
    approach: section(input.approach),
    goals,
    goalSummary,
    phases: Phases.map((phase) => ({ phase, ...section(input.phaseNotes?.[phase]) })),
    meetings,
    hours,
    outcome,
    secured,
    parts,
    gaps,
    template: input.template ?? GermanTemplate,
  }
}
