/**
 * Words of funding (issue 18), written once for the app and the data
 * export: kinds of funding bodies and of approval records. Swiss services
 * say Kostengutsprache and Kostenträger (swissGerman.ts sets those words).
 */
import type { FundingBodyKind } from '../api/funding.js'
import type { ReportLanguage } from '../report/labels.js'

export interface FundingLabels {
  /** A funding body's kind. */
  kind: Record<FundingBodyKind, string>
  /** An approval record's kind. */
  approvalKind: { approval: string; extension: string; correction: string }
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
}

/** The funding words of a language. */
export function fundingLabels(language: ReportLanguage): FundingLabels {
  return language === 'en' ? en : de
}
