/**
 * The report's texts, German first: written here once and read by the
 * Markdown export and by the client, whose i18n takes its `report` section,
 * the phase names (`phases`), the goal statuses and SMART field names
 * (`goal`) from here (client/src/i18n/resources.ts). Placeholders use
 * i18next's `{{name}}` syntax; {@link fillLabel} fills them outside i18next.
 */
import type { GoalStatus, Phase } from '../caseDocument/plan.js'
import type { MeetingKind } from '../caseDocument/notes.js'
import type { ReportOutcomeKind } from './input.js'
import type { ReportKind, ReportPart } from './parts.js'

export type ReportLanguage = 'de' | 'en'

export interface ReportLabels {
  kind: Record<ReportKind, string>
  caseType: Record<'placement' | 'retention', string>
  /** `{{date}}`: the report's date, formatted. */
  generatedOn: string
  frame: string
  startDate: string
  expectedEndDate: string
  hoursBudget: string
  employer: string
  workplace: string
  currentPhase: string
  participants: string
  approach: string
  goals: string
  /** `{{number}}`: the goal's number in the plan. */
  goal: string
  noGoals: string
  /** A goal's title and SMART fields (also the plan editor's field labels). */
  goalFields: { title: string; specific: string; measurable: string; achievable: string; relevant: string; timeBound: string; responsible: string }
  planStatus: string
  attainment: string
  review: string
  stillValid: string
  notValidAnymore: string
  notReviewed: string
  goalStatus: Record<GoalStatus, string>
  phasesHeading: string
  phases: Record<Phase, string>
  noNotes: string
  meetings: string
  meetingKind: Record<MeetingKind, string>
  meetingParticipants: string
  noMeetings: string
  hours: string
  hoursTotal: string
  hoursRemaining: string
  hoursOver: string
  hoursByPhase: string
  hoursByCoach: string
  noPhase: string
  /** `{{hours}}`: a number of hours, formatted. */
  hoursUnit: string
  outcome: string
  outcomeKind: Record<ReportOutcomeKind, string>
  outcomeHow: string
  outcomeWhy: string
  noOutcome: string
  parts: Record<ReportPart, string>
  empty: string
}

const de: ReportLabels = {
  kind: { final: 'Abschlussbericht', interim: 'Zwischenbericht' },
  caseType: { placement: 'Arbeitsplatzanbahnung', retention: 'Arbeitsplatzsicherung' },
  generatedOn: 'Stand: {{date}}',
  frame: 'Rahmen der Maßnahme',
  startDate: 'Beginn',
  expectedEndDate: 'Voraussichtliches Ende',
  hoursBudget: 'Zeitkontingent',
  employer: 'Betrieb',
  workplace: 'Arbeitsplatz',
  currentPhase: 'Aktuelle Phase',
  participants: 'Beteiligte',
  approach: 'Vorgehen',
  goals: 'Ziele und Zielerreichung',
  goal: 'Ziel {{number}}',
  noGoals: 'Keine Ziele vereinbart.',
  goalFields: {
    title: 'Ziel',
    specific: 'Spezifisch',
    measurable: 'Messbar',
    // The German SMART words practitioners know: attraktiv/akzeptiert is the
    // goal's relevance to the person, realistisch its achievability.
    achievable: 'Realistisch',
    relevant: 'Attraktiv / akzeptiert',
    timeBound: 'Terminiert',
    responsible: 'Verantwortlich',
  },
  planStatus: 'Status im Plan',
  attainment: 'Zielerreichung',
  review: 'Phasenreflexion',
  stillValid: 'noch gültig',
  notValidAnymore: 'nicht mehr gültig',
  notReviewed: 'noch nicht überprüft',
  goalStatus: { open: 'offen', achieved: 'erreicht', partlyAchieved: 'teilweise erreicht', notAchieved: 'nicht erreicht', dropped: 'verworfen' },
  phasesHeading: 'Verlauf der Phasen',
  phases: {
    analysis: 'Analyse und Planung',
    selfIntegration: 'Selbstintegration',
    intervention: 'Intervention',
    stabilisation: 'Stabilisierung und Abschluss',
  },
  noNotes: 'Keine Notizen.',
  meetings: 'Auswertungsgespräche',
  meetingKind: { midterm: 'Zwischengespräch', final: 'Abschlussgespräch', progress: 'Standortgespräch', other: 'Gespräch' },
  meetingParticipants: 'Teilnehmende',
  noMeetings: 'Keine Gespräche erfasst.',
  hours: 'Stunden',
  hoursTotal: 'Geleistet',
  hoursRemaining: 'Verbleibend',
  hoursOver: 'Über dem Kontingent',
  hoursByPhase: 'Nach Phase',
  hoursByCoach: 'Nach Jobcoach',
  noPhase: 'ohne Phase',
  hoursUnit: '{{hours}} Std.',
  outcome: 'Ergebnis',
  outcomeKind: {
    employmentPermanent: 'Sozialversicherungspflichtige Beschäftigung, unbefristet',
    employmentFixedTerm: 'Sozialversicherungspflichtige Beschäftigung, befristet',
    apprenticeship: 'Ausbildung',
    inclusionCompany: 'Beschäftigung in einem Inklusionsbetrieb',
    workshop: 'Werkstatt für behinderte Menschen (WfbM)',
    notPlaced: 'Keine Vermittlung',
    jobSecured: 'Arbeitsplatz erhalten',
    ended: 'Arbeitsverhältnis beendet',
    aborted: 'Abbruch',
    placed: 'Arbeitsplatz erreicht (ohne Angabe der Art)',
  },
  outcomeHow: 'Wie',
  outcomeWhy: 'Gründe',
  noOutcome: 'Noch kein Ergebnis erfasst.',
  parts: {
    participationBefore: 'Betriebliche Teilhabe vor dem Jobcoaching',
    participationAfter: 'Betriebliche Teilhabe nach dem Jobcoaching',
    participantsAssessment: 'Bewertung durch die Beteiligten',
    reasonsIfNotSecured: 'Gründe, falls der Arbeitsplatz nicht gesichert oder erreicht wurde',
    recommendations: 'Erkenntnisse und Empfehlungen',
    courseOfProcess: 'Bisheriger Verlauf',
    measures: 'Maßnahmen',
    courseOfMeasure: 'Verlauf der Maßnahme',
    competences: 'Einschätzung der Kompetenzen',
    employability: 'Einschätzung der Vermittlungsfähigkeit',
  },
  empty: '—',
}

const en: ReportLabels = {
  kind: { final: 'Final report', interim: 'Interim report' },
  caseType: { placement: 'Job placement', retention: 'Job retention' },
  generatedOn: 'As of {{date}}',
  frame: 'Frame of the measure',
  startDate: 'Start',
  expectedEndDate: 'Expected end',
  hoursBudget: 'Hours budget',
  employer: 'Employer',
  workplace: 'Workplace',
  currentPhase: 'Current phase',
  participants: 'Participants',
  approach: 'Approach',
  goals: 'Goals and attainment',
  goal: 'Goal {{number}}',
  noGoals: 'No goals agreed.',
  goalFields: {
    title: 'Goal',
    specific: 'Specific',
    measurable: 'Measurable',
    achievable: 'Achievable',
    relevant: 'Relevant',
    timeBound: 'Time-bound',
    responsible: 'Responsible',
  },
  planStatus: 'Status in the plan',
  attainment: 'Attainment',
  review: 'Phase review',
  stillValid: 'still valid',
  notValidAnymore: 'no longer valid',
  notReviewed: 'not reviewed yet',
  goalStatus: { open: 'open', achieved: 'achieved', partlyAchieved: 'partly achieved', notAchieved: 'not achieved', dropped: 'dropped' },
  phasesHeading: 'Course of the phases',
  phases: {
    analysis: 'Analysis and planning',
    selfIntegration: 'Self-integration',
    intervention: 'Intervention',
    stabilisation: 'Stabilisation and closure',
  },
  noNotes: 'No notes.',
  meetings: 'Evaluation meetings',
  meetingKind: { midterm: 'Midterm meeting', final: 'Final meeting', progress: 'Progress meeting (Standortgespräch)', other: 'Meeting' },
  meetingParticipants: 'Participants',
  noMeetings: 'No meetings recorded.',
  hours: 'Hours',
  hoursTotal: 'Used',
  hoursRemaining: 'Remaining',
  hoursOver: 'Over budget',
  hoursByPhase: 'By phase',
  hoursByCoach: 'By job coach',
  noPhase: 'no phase',
  hoursUnit: '{{hours}} h',
  outcome: 'Outcome',
  outcomeKind: {
    employmentPermanent: 'Employment subject to social insurance, permanent',
    employmentFixedTerm: 'Employment subject to social insurance, fixed-term',
    apprenticeship: 'Apprenticeship (Ausbildung)',
    inclusionCompany: 'Employment in an inclusion company (Inklusionsbetrieb)',
    workshop: 'Sheltered workshop (WfbM)',
    notPlaced: 'No placement',
    jobSecured: 'Job kept',
    ended: 'Employment ended',
    aborted: 'Ended early (Abbruch)',
    placed: 'Job reached (kind not recorded)',
  },
  outcomeHow: 'How',
  outcomeWhy: 'Reasons',
  noOutcome: 'No outcome recorded yet.',
  parts: {
    participationBefore: 'Participation at work before the coaching',
    participationAfter: 'Participation at work after the coaching',
    participantsAssessment: "Participants' assessment",
    reasonsIfNotSecured: 'Reasons, if the job was not secured or reached',
    recommendations: 'Insights and recommendations',
    courseOfProcess: 'Course so far',
    measures: 'Measures',
    courseOfMeasure: 'Course of the measure',
    competences: 'Assessment of competences',
    employability: 'Assessment of employability (Vermittlungsfähigkeit)',
  },
  empty: '—',
}

/**
 * The order a goal's SMART parts are shown in: the German SMART order
 * (spezifisch, messbar, attraktiv/akzeptiert, realistisch, terminiert), so
 * `relevant` comes before `achievable`; then who is responsible.
 */
export const GoalSmartFieldOrder = ['specific', 'measurable', 'relevant', 'achievable', 'responsible'] as const

/** The report's texts in a language (German unless it is English). */
export function reportLabels(language: string): ReportLabels {
  return language.startsWith('en') ? en : de
}

/** Fills a label's `{{name}}` placeholders (as i18next does on the client). */
export function fillLabel(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder))
}
