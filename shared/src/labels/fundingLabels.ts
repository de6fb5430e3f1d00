/**
 * Words of funding (issue 18), written once for the app and the data
 * export: kinds of funding bodies and of approval records. Swiss services
 * say Kostengutsprache and Kostenträger (swissGerman.ts sets those words).
 */
import type { FundingBodyKind } from '../api/funding.js'
import type { HoursCategory } from '../caseDocument/hoursCategories.js'
import type { ReportLanguage } from '../report/labels.js'

export interface FundingLabels {
  /** A funding body's kind. */
  kind: Record<FundingBodyKind, string>
  /** An approval record's kind. */
  approvalKind: { approval: string; extension: string; correction: string }
  /** What an hours entry was spent on. */
  hoursCategory: Record<HoursCategory, string>
}

const de: FundingLabels = {
  kind: {
    integrationOffice: 'Integrationsamt / Inklusionsamt',
    pensionInsurance: 'Rentenversicherung',
    employmentAgency: 'Agentur für Arbeit',
    jobCentre: 'Jobcenter',
    accidentInsurance: 'Unfallversicherung / Berufsgenossenschaft',
    disabilityInsurance: 'IV-Stelle (Invalidenversicherung)',
    other: 'anderer Leistungsträger',
  },
  approvalKind: { approval: 'Bewilligung', extension: 'Verlängerung', correction: 'Korrektur' },
  hoursCategory: {
    atWorkplace: 'im Betrieb',
    preparation: 'Vor-/Nachbereitung',
    travel: 'Fahrt',
    documentation: 'Dokumentation',
    coordination: 'Abstimmung mit Beteiligten',
  },
}

const en: FundingLabels = {
  kind: {
    integrationOffice: 'Integration office (Integrationsamt / Inklusionsamt)',
    pensionInsurance: 'Pension insurance',
    employmentAgency: 'Employment agency',
    jobCentre: 'Job centre',
    accidentInsurance: 'Accident insurance',
    disabilityInsurance: 'Disability insurance office (IV-Stelle)',
    other: 'other funding body',
  },
  approvalKind: { approval: 'Approval', extension: 'Extension', correction: 'Correction' },
  hoursCategory: {
    atWorkplace: 'at the workplace',
    preparation: 'preparation / follow-up',
    travel: 'travel',
    documentation: 'documentation',
    coordination: 'coordination with the people involved',
  },
}

/** The funding words of a language. */
export function fundingLabels(language: ReportLanguage): FundingLabels {
  return language === 'en' ? en : de
}

/**
 * The de-CH words of funding by i18n key path (swissGerman.ts): a Swiss
 * service asks its Kostenträger (the IV-Stelle) for a Kostengutsprache, and
 * the case is referred by a zuweisende Stelle.
 */
export const fundingSwissWords: Readonly<Record<string, string>> = {
  'fundingWords.approvalKind.approval': 'Kostengutsprache',
  'fundingWords.kind.other': 'anderer Kostenträger',
  'audit.type.approvalRecorded': 'Kostengutsprache erfasst',
  'audit.approval.approval': 'eine Kostengutsprache',
  'audit.approval.correction': 'eine Korrektur einer Kostengutsprache',
  'audit.sentence.fundingChanged': '{{who}} hat Kostenträger, Aktenzeichen oder zuweisende Stelle des Falls geändert.',
  'export.fundingBody': 'Kostenträger',
  'team.filter.fundingBody': 'Kostenträger',
  'export.referringBody': 'Zuweisende Stelle',
  'funding.intro': 'Kostenträger, Aktenzeichen und Kostengutsprachen dieses Falls. Nur die Job Coaches des Falls und Admins sehen diese Angaben; Arbeitgebende und Coachee nicht.',
  'funding.bodyHeading': 'Kostenträger und Aktenzeichen',
  'funding.body': 'Kostenträger',
  'funding.referringBody': 'Zuweisende Stelle',
  'funding.emptyDirectory': 'Das Verzeichnis der Kostenträger ist leer. Ein Admin legt Einträge in der Verwaltung an.',
  'funding.addHeading': 'Kostengutsprache oder Verlängerung erfassen',
  'funding.extends': 'Verlängert die Kostengutsprache',
  'funding.hours': 'Gutgesprochene Stunden',
  'funding.approvalsHeading': 'Kostengutsprachen',
  'funding.noApprovals': 'Noch keine Kostengutsprache erfasst. Solange keine erfasst ist, wird das Zeitkontingent in der Massnahmeplanung von Hand eingetragen.',
  'funding.statusHeading': 'Stand der Kostengutsprachen',
  'funding.approved': 'Gutgesprochen',
  'funding.coveredUntil': 'Gutgesprochen bis',
  'funding.overlap_one': 'Zwei Kostengutsprachen überschneiden sich zeitlich. Bitte prüfen, ob eine doppelt erfasst ist.',
  'funding.overlap_other': '{{count}} Paare von Kostengutsprachen überschneiden sich zeitlich. Bitte prüfen, ob eine doppelt erfasst ist.',
  'funding.warning.endsSoon_one': 'Die Kostengutsprache endet am {{date}} (in {{count}} Tag). Jetzt die Verlängerung beantragen.',
  'funding.warning.endsSoon_other': 'Die Kostengutsprache endet am {{date}} (in {{count}} Tagen). Jetzt die Verlängerung beantragen.',
  'funding.warning.ended': 'Die Kostengutsprache ist am {{date}} abgelaufen.',
  'funding.warning.hoursLow': 'Nur noch {{hours}} gutgesprochene Stunden übrig.',
  'funding.warning.hoursExhausted': 'Die gutgesprochenen Stunden sind aufgebraucht ({{hours}} Std. darüber).',
  'funding.warningShort.endsSoon': 'Kostengutsprache endet bald',
  'funding.warningShort.ended': 'Kostengutsprache abgelaufen',
  'funding.warningShort.hoursLow': 'Wenige gutgesprochene Stunden übrig',
  'funding.warningShort.hoursExhausted': 'Gutgesprochene Stunden aufgebraucht',
  'funding.openDraft': 'Zur Finanzierung und zum Verlängerungsgesuch',
  'funding.draftHeading': 'Verlängerungsgesuch',
  'fundingAdmin.heading': 'Kostenträger',
  'fundingAdmin.intro': 'Das Verzeichnis der Kostenträger des Dienstes: Job Coaches wählen daraus den Kostenträger eines Falls. Ein Eintrag, den ein Fall nennt, wird deaktiviert statt gelöscht.',
  'fundingAdmin.addHeading': 'Kostenträger hinzufügen',
  'plan.hoursBudgetDerived': 'Ergibt sich aus den Kostengutsprachen (Reiter «Finanzierung»); hier nicht änderbar.',
}
