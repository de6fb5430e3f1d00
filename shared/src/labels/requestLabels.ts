/**
 * Words of requests and intake (issue 19), written once for the app, the
 * plan's starting goals and the data export: who asked, the rough goals
 * (Grobziele) and the feasibility answers.
 */
import type { RequesterKind, RoughGoal } from '../api/requests.js'
import type { FeasibilityAnswer } from '../caseDocument/feasibility.js'
import type { ReportLanguage } from '../report/labels.js'

export interface RequestLabels {
  requesterKind: Record<RequesterKind, string>
  roughGoal: Record<RoughGoal, string>
  feasibility: Record<FeasibilityAnswer, string>
}

const de: RequestLabels = {
  requesterKind: {
    person: 'die Person selbst',
    employer: 'Arbeitgeber*in',
    fundingBody: 'Leistungsträger',
    integrationService: 'Integrationsfachdienst',
    relative: 'Angehörige / Betreuung',
    other: 'andere Stelle',
  },
  roughGoal: {
    basicWorkCapacity: 'Grundarbeitsfähigkeit',
    training: 'Ausbildung',
    retraining: 'Umschulung',
    jobSearch: 'Stellensuche',
    jobRetention: 'Arbeitsplatzerhalt',
    returnToWork: 'Wiedereinstieg ins Arbeitsleben',
  },
  feasibility: {
    yes: 'Ja, ein Jobcoaching kann durchgeführt werden',
    withConditions: 'Ja, unter Bedingungen',
    no: 'Nein, ein Jobcoaching kann nicht durchgeführt werden',
  },
}

const en: RequestLabels = {
  requesterKind: {
    person: 'the person themselves',
    employer: 'Employer',
    fundingBody: 'Funding body',
    integrationService: 'Integration service (Integrationsfachdienst)',
    relative: 'Relative / carer',
    other: 'Other body',
  },
  roughGoal: {
    basicWorkCapacity: 'Basic work capacity',
    training: 'Vocational training',
    retraining: 'Retraining',
    jobSearch: 'Job search',
    jobRetention: 'Keeping the job',
    returnToWork: 'Return to work',
  },
  feasibility: {
    yes: 'Yes, job coaching can be carried out',
    withConditions: 'Yes, with conditions',
    no: 'No, job coaching cannot be carried out',
  },
}

/** The request words of a language. */
export function requestLabels(language: ReportLanguage): RequestLabels {
  return language === 'en' ? en : de
}
