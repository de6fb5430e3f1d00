/**
 * Words of the application and contact log (issue 19, A4/A5) for the data
 * export (`jobSearchWords.*`). The same words as the app's `jobSearch.*`
 * texts (client/src/i18n/de.json, en.json); the Swiss spelling follows from
 * the export's de-CH rules (swissGerman.ts).
 */
import type { JobSearchEntryKind, JobSearchStatus, PlacementKind } from '../api/jobSearch.js'
import type { ReportLanguage } from '../report/labels.js'

export interface JobSearchLabels {
  kind: Record<JobSearchEntryKind, string>
  placementKind: Record<PlacementKind, string>
  status: Record<JobSearchStatus, string>
  headings: {
    section: string
    noEntries: string
    position: string
    placementKind: string
    contactPerson: string
    status: string
    nextStep: string
    nextStepOn: string
    interviewOn: string
    interviewPreparation: string
    accompanied: string
    yes: string
  }
}

const de: JobSearchLabels = {
  kind: { application: 'Bewerbung', contact: 'Kontakt (Anruf, Besuch)' },
  placementKind: { internship: 'Praktikum', trainingPlacement: 'Trainingsplatz', permanent: 'Festanstellung', apprenticeship: 'Ausbildungsplatz' },
  status: { planned: 'geplant', sent: 'beworben', interview: 'Vorstellungsgespräch', trial: 'Probearbeit', placed: 'Zusage', rejected: 'Absage', withdrawn: 'zurückgezogen' },
  headings: {
    section: 'Stellensuche: Bewerbungen und Kontakte',
    noEntries: 'keine Einträge',
    position: 'Stelle',
    placementKind: 'Art des Einsatzes',
    contactPerson: 'Ansprechperson im Betrieb',
    status: 'Stand',
    nextStep: 'Nächster Schritt',
    nextStepOn: 'bis',
    interviewOn: 'Vorstellungsgespräch am',
    interviewPreparation: 'Vorbereitung auf das Gespräch',
    accompanied: 'Begleitung durch Jobcoach zum Gespräch',
    yes: 'ja',
  },
}

const en: JobSearchLabels = {
  kind: { application: 'Application', contact: 'Contact (call, visit)' },
  placementKind: { internship: 'Internship', trainingPlacement: 'Training placement', permanent: 'Permanent employment', apprenticeship: 'Apprenticeship' },
  status: { planned: 'planned', sent: 'applied', interview: 'interview', trial: 'trial work', placed: 'offer accepted', rejected: 'rejected', withdrawn: 'withdrawn' },
  headings: {
    section: 'Job search: applications and contacts',
    noEntries: 'no entries',
    position: 'Position',
    placementKind: 'Kind of placement',
    contactPerson: 'Contact person at the company',
    status: 'Status',
    nextStep: 'Next step',
    nextStepOn: 'by',
    interviewOn: 'Interview on',
    interviewPreparation: 'Interview preparation',
    accompanied: 'A job coach goes along to the interview',
    yes: 'yes',
  },
}

export function jobSearchLabels(language: ReportLanguage): JobSearchLabels {
  return language === 'en' ? en : de
}
