/**
 * How the readable export writes things (issue 16): the words of the app
 * (shared/src/labels/caseLabels.ts and shared/src/report/labels.ts, the same
 * texts the client's i18n reads), times in the reader's zone, numbers and
 * dates as German, Swiss or British readers write them.
 */
import { auditSentence, labelTranslator, type NameOf, type Translate } from '../../../shared/src/labels/auditSentence.js'
import { caseLabels } from '../../../shared/src/labels/caseLabels.js'
import { fundingLabels } from '../../../shared/src/labels/fundingLabels.js'
import { accompanimentLabels } from '../../../shared/src/labels/accompanimentLabels.js'
import { requestLabels } from '../../../shared/src/labels/requestLabels.js'
import { profileLabels } from '../../../shared/src/labels/profileLabels.js'
import { jobSearchLabels } from '../../../shared/src/labels/jobSearchLabels.js'
import { swissGerman } from '../../../shared/src/labels/swissGerman.js'
import { withCoacheeTerm } from '../../../shared/src/labels/coacheeTerm.js'
import type { CoacheeTerm } from '../../../shared/src/api/service.js'
import { reportLabels } from '../../../shared/src/report/labels.js'
import type { AuditEvent } from '../../../shared/src/api/audit.js'

export type ExportLanguage = 'de' | 'de-CH' | 'en'

/** The export's own headings (the app has no screen with these). */
const headings = {
  de: {
    title: 'Auskunft über gespeicherte Daten',
    intro: 'Die Daten, die Fallbuch in diesem Fall über Sie gespeichert hat (Art. 15 DSGVO), mit den hier genannten Einschränkungen. Die gleichen Daten stehen in der JSON-Datei.',
    person: 'Person',
    exportedAt: 'Erstellt am',
    exportedBy: 'Erstellt von',
    case: 'Fall',
    caseType: 'Art',
    closedAt: 'Abgeschlossen am',
    erasesAt: 'Wird gelöscht am',
    members: 'Beteiligte',
    plan: 'Maßnahmeplanung',
    confidential: 'Vertrauliche Angaben',
    healthData: 'Gesundheitsdaten',
    consents: 'Einwilligungen',
    releases: 'Schweigepflichtentbindungen',
    releaseLine: '{{releasor}} entbindet {{released}} gegenüber {{recipient}}: {{purpose}} — gültig ab {{from}}{{until}}, {{state}}',
    releaseUntil: ' bis {{date}}',
    releaseFor: '{{name}} ({{role}}, für {{coachee}})',
    agreements: 'Zustimmungen zum Plan',
    notes: 'Notizen der Jobcoaches',
    limitations: 'Was diese Auskunft einschränkt (Art. 15 Abs. 4 DSGVO)',
    withheldComments: 'Interne Kommentare der Jobcoaches (nicht enthalten)',
    comments: '{{threads}} Gesprächsfäden, {{replies}} Antworten',
    replacedNames: 'Ersetzte Namen anderer Personen',
    reports: 'Berichte',
    audit: 'Änderungsprotokoll (Ihre Zugriffe und Einwilligungen)',
    none: 'keine',
    timeZone: 'Zeiten in der Zeitzone {{zone}}.',
    consentLine: '{{field}} → {{name}} ({{role}}): {{purpose}} — erteilt am {{date}}, {{state}}',
    funding: 'Finanzierung',
    fundingBody: 'Leistungsträger',
    fileNumber: 'Aktenzeichen',
    referringBody: 'Einleitende Stelle',
    approvalLine: '{{kind}}: {{from}} bis {{until}}, {{hours}} Stunden',
    correctedLater: '(später korrigiert)',
    request: 'Anfrage',
    profile: 'Vorabklärung und Berufsprofil',
    requester: 'Angefragt von',
    firstContact: 'Erstkontakt',
    requestReason: 'Anlass der Anfrage',
    roughGoals: 'Grobziele',
    cooperationConsent: 'Einverständnis zur Zusammenarbeit am',
    feasibility: 'Kann ein Jobcoaching durchgeführt werden? (Prüfung am Ende der Analyse)',
    hoursConfirmations: 'Bestätigte Stundennachweise',
    hoursConfirmationLine: 'Stundennachweis {{month}}: bestätigt von {{name}} ({{role}}) am {{date}}, Prüfsumme {{hash}}',
    attachments: 'Anhänge (die Dateien selbst laden Sie im Fallbuch unter „Anhänge“ herunter)',
    attachmentLine: '{{name}} — {{category}}, {{size}} KB, hochgeladen am {{date}} von {{by}}',
  },
  en: {
    title: 'Access to stored data',
    intro: 'The data Fallbuch holds about you in this case (GDPR Art. 15), with the limits stated here. The JSON file holds the same data.',
    person: 'Person',
    exportedAt: 'Created at',
    exportedBy: 'Created by',
    case: 'Case',
    caseType: 'Type',
    closedAt: 'Closed on',
    erasesAt: 'Will be erased on',
    members: 'People in the case',
    plan: 'Measure plan',
    confidential: 'Confidential fields',
    healthData: 'health data',
    consents: 'Consents',
    releases: 'Releases from confidentiality',
    releaseLine: '{{releasor}} releases {{released}} towards {{recipient}}: {{purpose}} — valid from {{from}}{{until}}, {{state}}',
    releaseUntil: ' until {{date}}',
    releaseFor: '{{name}} ({{role}}, for {{coachee}})',
    agreements: 'Agreements to the plan',
    notes: "The coaches' notes",
    limitations: 'What this export limits (GDPR Art. 15(4))',
    withheldComments: "The coaches' internal comments (not included)",
    comments: '{{threads}} threads, {{replies}} replies',
    replacedNames: "Other people's names replaced",
    reports: 'Reports',
    audit: 'Change log (your accesses and consents)',
    none: 'none',
    timeZone: 'Times in the time zone {{zone}}.',
    consentLine: '{{field}} → {{name}} ({{role}}): {{purpose}} — granted on {{date}}, {{state}}',
    funding: 'Funding',
    fundingBody: 'Funding body',
    fileNumber: 'File number',
    referringBody: 'Referring body',
    approvalLine: '{{kind}}: {{from}} to {{until}}, {{hours}} hours',
    correctedLater: '(corrected later)',
    request: 'Request',
    profile: 'Preliminary clarification and occupational profile',
    requester: 'Requested by',
    firstContact: 'First contact',
    requestReason: 'Reason for the request',
    roughGoals: 'Rough goals',
    cooperationConsent: 'Consent to the cooperation on',
    feasibility: 'Can job coaching be carried out? (check at the end of the analysis)',
    hoursConfirmations: 'Confirmed proofs of hours',
    hoursConfirmationLine: 'Proof of hours {{month}}: confirmed by {{name}} ({{role}}) on {{date}}, checksum {{hash}}',
    attachments: 'Attachments (download the files themselves in Fallbuch, under “Attachments”)',
    attachmentLine: '{{name}} — {{category}}, {{size}} KB, uploaded on {{date}} by {{by}}',
  },
}

/** Everything the page needs to write a value for its reader. */
export interface ExportWriter {
  language: ExportLanguage
  /** Looks up app words (`roles.coach`, `goal.statuses.open`, `report.meetingKind.midterm`, …) and export headings (`export.title`). */
  t: Translate
  /** An instant as a local date and time, e.g. "2. März 2026, 10:15". */
  dateTime: (iso: string) => string
  /** A calendar day (YYYY-MM-DD) or the day of an instant, e.g. "2. März 2026". */
  day: (isoOrDay: string) => string
  /** A number, e.g. "7,5". */
  number: (value: number) => string
  /** A change-log entry as a sentence. */
  sentence: (event: AuditEvent, nameOf: NameOf) => string
  timeZone: string
}

function localeOf(language: ExportLanguage): string {
  return language === 'en' ? 'en-GB' : language
}

/** The writer of one export: its language's words, the reader's time zone. */
export function exportWriter(language: ExportLanguage, timeZone: string, coacheeTerm: CoacheeTerm = 'coachee'): ExportWriter {
  const base = language === 'en' ? 'en' : 'de'
  const report = reportLabels(base)
  const words = caseLabels(base)
  const tree = {
    ...words,
    phases: report.phases,
    goal: { ...report.goalFields, statuses: report.goalStatus },
    report,
    cases: { type: report.caseType },
    export: headings[base],
    fundingWords: fundingLabels(base),
    requestWords: requestLabels(base),
    profileWords: profileLabels(base),
    accompanimentWords: accompanimentLabels(base),
    jobSearchWords: jobSearchLabels(base),
  }
  // The service's word for the coachee (COACHEE_TERM) goes last: Swiss words set by key path say "Coachee" too.
  const t = labelTranslator(withCoacheeTerm(language === 'de-CH' ? swissGerman(tree) : tree, coacheeTerm, base))
  const locale = localeOf(language)
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone })
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
  const dayOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const valid = (date: Date): boolean => !Number.isNaN(date.getTime())
  return {
    language,
    t,
    timeZone,
    dateTime: (iso) => {
      const date = new Date(iso)
      return valid(date) ? dateTimeFormat.format(date) : iso
    },
    day: (value) => {
      // A calendar day is no instant: written as it is, whatever the zone.
      const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value)
      return valid(date) ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? dayOnly : dayFormat).format(date) : value
    },
    number: (value) => numberFormat.format(value),
    sentence: (event, nameOf) => auditSentence(t, event, nameOf),
  }
}

/** Whether a string names a time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
