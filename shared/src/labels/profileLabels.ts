/**
 * Words of the occupational profile (issue 19: Vorabklärung A2, Berufsprofil
 * / Kompetenzbilanz A3), written once for the app and the data export. Each
 * field has the coaches' term and a plain-language question (Leichte
 * Sprache) the coachee reads and answers.
 */
import type { ActionEntry, CompetenceKey, WishKey } from '../caseDocument/profile.js'
import type { ReportLanguage } from '../report/labels.js'

/** A field's professional name and its plain-language wording. */
export interface FieldWords {
  label: string
  plain: string
}

export interface ProfileLabels {
  /** Section headings: professional and plain. */
  sections: Record<'wishes' | 'career' | 'actionPlan' | 'competences' | 'occupations' | 'assessments', FieldWords>
  wishes: Record<WishKey, FieldWords>
  competences: Record<CompetenceKey, FieldWords>
  career: Record<'period' | 'occupation' | 'employer' | 'note', string>
  action: Record<'goal' | 'measures' | 'horizon' | 'status', string>
  horizon: Record<ActionEntry['horizon'], string>
  actionStatus: Record<ActionEntry['status'], string>
  occupation: Record<'title' | 'why', FieldWords>
  assessment: Record<'source' | 'date' | 'text', string>
}

const de: ProfileLabels = {
  sections: {
    wishes: { label: 'Interessen und Vorstellungen', plain: 'Was ich mir wünsche' },
    career: { label: 'Beruflicher Werdegang', plain: 'Wo ich schon gearbeitet habe' },
    actionPlan: { label: 'Handlungsplan: Ziele und Maßnahmen', plain: 'Was wir vorhaben' },
    competences: { label: 'Kompetenzbilanz', plain: 'Was ich kann' },
    occupations: { label: 'Passende Berufe', plain: 'Berufe, die zu mir passen' },
    assessments: { label: 'Einschätzungen von Fachpersonen', plain: 'Was Fachleute sagen' },
  },
  wishes: {
    interests: { label: 'Interessen', plain: 'Das mache ich gern' },
    kindOfWork: { label: 'Gewünschte Tätigkeit', plain: 'Diese Arbeit möchte ich machen' },
    place: { label: 'Arbeitsort', plain: 'Hier möchte ich arbeiten' },
    wage: { label: 'Lohnvorstellung', plain: 'So viel möchte ich verdienen' },
    workload: { label: 'Arbeitszeit / Pensum', plain: 'So viele Stunden möchte ich arbeiten' },
  },
  competences: {
    strengths: { label: 'Stärken und Fähigkeiten', plain: 'Das kann ich gut' },
    resources: { label: 'Ressourcen und Netzwerk', plain: 'Das hilft mir' },
    restrictions: { label: 'Berufsrelevante Einschränkungen', plain: 'Darauf muss ich achten' },
    perspectives: { label: 'Berufliche Perspektiven', plain: 'So soll es weitergehen' },
  },
  career: { period: 'Zeitraum', occupation: 'Tätigkeit / Beruf', employer: 'Betrieb', note: 'Bemerkung' },
  action: { goal: 'Ziel', measures: 'Maßnahmen', horizon: 'Zeithorizont', status: 'Stand' },
  horizon: { short: 'kurzfristig', medium: 'mittelfristig', long: 'langfristig' },
  actionStatus: { open: 'offen', done: 'erledigt', dropped: 'verworfen' },
  occupation: { title: { label: 'Beruf', plain: 'Beruf' }, why: { label: 'Begründung', plain: 'Warum er passt' } },
  assessment: { source: 'Fachperson / Stelle', date: 'Datum', text: 'Einschätzung' },
}

const en: ProfileLabels = {
  sections: {
    wishes: { label: 'Interests and wishes', plain: 'What I wish for' },
    career: { label: 'Career history', plain: 'Where I have worked' },
    actionPlan: { label: 'Action plan: goals and measures', plain: 'What we plan to do' },
    competences: { label: 'Competence profile', plain: 'What I can do' },
    occupations: { label: 'Fitting occupations', plain: 'Jobs that suit me' },
    assessments: { label: "Experts' assessments", plain: 'What experts say' },
  },
  wishes: {
    interests: { label: 'Interests', plain: 'What I like doing' },
    kindOfWork: { label: 'Kind of work', plain: 'The work I want to do' },
    place: { label: 'Place of work', plain: 'Where I want to work' },
    wage: { label: 'Wage expectation', plain: 'How much I want to earn' },
    workload: { label: 'Working hours', plain: 'How many hours I want to work' },
  },
  competences: {
    strengths: { label: 'Strengths and skills', plain: 'What I am good at' },
    resources: { label: 'Resources and network', plain: 'What helps me' },
    restrictions: { label: 'Work-related restrictions', plain: 'What I must watch out for' },
    perspectives: { label: 'Occupational perspectives', plain: 'How it should go on' },
  },
  career: { period: 'Period', occupation: 'Job / occupation', employer: 'Company', note: 'Note' },
  action: { goal: 'Goal', measures: 'Measures', horizon: 'Horizon', status: 'Status' },
  horizon: { short: 'short term', medium: 'medium term', long: 'long term' },
  actionStatus: { open: 'open', done: 'done', dropped: 'dropped' },
  occupation: { title: { label: 'Occupation', plain: 'Job' }, why: { label: 'Reasons', plain: 'Why it suits me' } },
  assessment: { source: 'Expert / service', date: 'Date', text: 'Assessment' },
}

/** The profile's words in a language (de-CH: the German words through swissGerman()). */
export function profileLabels(language: ReportLanguage): ProfileLabels {
  return language === 'en' ? en : de
}
