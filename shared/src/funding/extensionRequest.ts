/**
 * A draft request for extension (Verlängerungsantrag; in Switzerland a
 * request for a further Kostengutsprache), drafted from the case: the
 * funding body and file number, the approved period and hours, the hours
 * used, the goals still open (from the plan's SMART goals), and the places
 * the coach fills in (reasons, hours asked for). Plain text the coach
 * finishes, copies or prints; nothing is sent from here.
 */
import type { ApprovalStatus } from './approvals.js'

export type ExtensionLanguage = 'de' | 'de-CH' | 'en'

/** What the draft is made of. */
export interface ExtensionRequestInput {
  caseTitle: string
  coachNames: readonly string[]
  fundingBodyName: string | null
  fileNumber: string
  /** The coachee's name as the funding body knows them (may be empty: the coach adds it). */
  coacheeName: string
  status: ApprovalStatus
  /** The first approved day. */
  approvedFrom: string | null
  /** The plan's goals that are not reached yet. */
  openGoals: ReadonlyArray<{ title: string; measurable: string; timeBound?: string | undefined }>
  today: string
  /** Dates and numbers as the reader writes them. */
  formatDate: (isoDate: string) => string
  formatHours: (hours: number) => string
}

interface Words {
  subject: string
  fileNumber: string
  approved: string
  used: string
  remaining: string
  intro: string
  openGoals: string
  noOpenGoals: string
  until: string
  reasons: string
  reasonsPlaceholder: string
  request: string
  requestPlaceholder: string
  closing: string
  fillIn: string
}

const de: Words = {
  subject: 'Antrag auf Verlängerung des Jobcoachings: {{title}}',
  fileNumber: 'Aktenzeichen: {{value}}',
  approved: 'Bewilligt: {{hours}} Stunden vom {{from}} bis {{until}}',
  used: 'Geleistet bis {{today}}: {{hours}} Stunden',
  remaining: 'Verbleibend: {{hours}} Stunden',
  intro: 'Sehr geehrte Damen und Herren,\n\nfür {{person}} beantragen wir die Verlängerung des Jobcoachings am Arbeitsplatz.',
  openGoals: 'Noch nicht erreichte Ziele der Maßnahmeplanung:',
  noOpenGoals: 'Alle Ziele der Maßnahmeplanung sind erreicht; die Verlängerung dient der Stabilisierung.',
  until: 'bis {{date}}',
  reasons: 'Begründung:',
  reasonsPlaceholder: '[Begründung ergänzen: was bisher erreicht wurde, was noch fehlt und warum]',
  request: 'Beantragt werden:',
  requestPlaceholder: '[Stunden] Stunden bis [Datum]',
  closing: 'Mit freundlichen Grüßen',
  fillIn: '[Name ergänzen]',
}

const swiss: Words = {
  ...de,
  subject: 'Gesuch um Verlängerung der Kostengutsprache (Job Coaching): {{title}}',
  approved: 'Kostengutsprache: {{hours}} Stunden vom {{from}} bis {{until}}',
  intro: 'Sehr geehrte Damen und Herren\n\nfür {{person}} ersuchen wir um eine Verlängerung der Kostengutsprache für das Job Coaching am Arbeitsplatz.',
  request: 'Beantragt wird eine Kostengutsprache für:',
  closing: 'Freundliche Grüsse',
}

const en: Words = {
  subject: 'Request to extend the job coaching: {{title}}',
  fileNumber: 'File number: {{value}}',
  approved: 'Approved: {{hours}} hours from {{from}} to {{until}}',
  used: 'Used up to {{today}}: {{hours}} hours',
  remaining: 'Remaining: {{hours}} hours',
  intro: 'Dear Sir or Madam,\n\nwe request an extension of the job coaching at the workplace for {{person}}.',
  openGoals: 'Goals of the plan not reached yet:',
  noOpenGoals: 'Every goal of the plan is reached; the extension serves stabilisation.',
  until: 'by {{date}}',
  reasons: 'Reasons:',
  reasonsPlaceholder: '[add the reasons: what was reached so far, what is still missing and why]',
  request: 'We request:',
  requestPlaceholder: '[hours] hours until [date]',
  closing: 'Kind regards',
  fillIn: '[add the name]',
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole)
}

/** The draft as plain text in `language`. */
export function extensionRequestText(input: ExtensionRequestInput, language: ExtensionLanguage): string {
  const w = language === 'en' ? en : language === 'de-CH' ? swiss : de
  const { status } = input
  const lines: string[] = [fill(w.subject, { title: input.caseTitle })]
  const header: string[] = []
  if (input.fundingBodyName !== null) {
    header.push(input.fundingBodyName)
  }
  if (input.fileNumber !== '') {
    header.push(fill(w.fileNumber, { value: input.fileNumber }))
  }
  if (input.approvedFrom !== null && status.coveredUntil !== null) {
    header.push(fill(w.approved, { hours: input.formatHours(status.approved), from: input.formatDate(input.approvedFrom), until: input.formatDate(status.coveredUntil) }))
  }
  header.push(fill(w.used, { today: input.formatDate(input.today), hours: input.formatHours(status.used) }))
  header.push(fill(w.remaining, { hours: input.formatHours(status.remaining) }))
  lines.push(header.join('\n'))
  lines.push(fill(w.intro, { person: input.coacheeName.trim() === '' ? w.fillIn : input.coacheeName }))
  if (input.openGoals.length === 0) {
    lines.push(w.noOpenGoals)
  } else {
    const goals = input.openGoals.map((goal, index) => {
      const detail = [goal.measurable.trim(), goal.timeBound !== undefined ? fill(w.until, { date: input.formatDate(goal.timeBound) }) : ''].filter((part) => part !== '')
      return `${index + 1}. ${goal.title.trim() === '' ? '—' : goal.title.trim()}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}`
    })
    lines.push([w.openGoals, ...goals].join('\n'))
  }
  lines.push(`${w.reasons}\n${w.reasonsPlaceholder}`)
  lines.push(`${w.request}\n${w.requestPlaceholder}`)
  lines.push([w.closing, input.coachNames.length > 0 ? input.coachNames.join(', ') : w.fillIn].join('\n'))
  return lines.join('\n\n')
}
