/**
 * Steps on a case's Stellensuche tab (issue 19, A4/A5) shared by the job
 * search walks: logging an application or a contact as a coach does.
 */
import type { Page } from 'playwright-core'
import { byTestId } from './pages.js'

/** One application or contact as the form takes it (values of the selects, dates as YYYY-MM-DD). */
export interface JobSearchFields {
  kind?: 'application' | 'contact'
  employerName: string
  position?: string
  placementKind: 'internship' | 'trainingPlacement' | 'permanent' | 'apprenticeship'
  date: string
  status: 'planned' | 'sent' | 'interview' | 'trial' | 'placed' | 'rejected' | 'withdrawn'
  nextStep?: string
  nextStepOn?: string
  interviewOn?: string
  preparation?: string
  accompanied?: boolean
}

/** Fills the open entry form (new or editing) and saves it. */
export async function fillJobSearchEntry(page: Page, fields: Partial<JobSearchFields>): Promise<void> {
  const form = byTestId(page, 'jobSearch.form')
  await form.waitFor()
  const selects = { kind: 'jobSearch.kind', placementKind: 'jobSearch.placement-kind', status: 'jobSearch.status' } as const
  const inputs = {
    employerName: byTestId(page, 'jobSearch.employer-name'),
    position: byTestId(page, 'jobSearch.position'),
    date: byTestId(page, 'jobSearch.date'),
    nextStep: byTestId(page, 'jobSearch.next-step'),
    // The "by" date has no test id of its own; its label is unique within the form.
    nextStepOn: form.getByLabel('Nächster Schritt bis'),
    interviewOn: byTestId(page, 'jobSearch.interview-on'),
    preparation: byTestId(page, 'jobSearch.preparation'),
  } as const
  for (const [field, testId] of Object.entries(selects)) {
    const value = fields[field as keyof typeof selects]
    if (value !== undefined) {
      await byTestId(page, testId).selectOption(value)
    }
  }
  for (const [field, input] of Object.entries(inputs)) {
    const value = fields[field as keyof typeof inputs]
    if (value !== undefined) {
      await input.fill(value)
    }
  }
  if (fields.accompanied !== undefined) {
    await byTestId(page, 'jobSearch.accompanied').setChecked(fields.accompanied)
  }
  await byTestId(page, 'jobSearch.save').click()
  await form.waitFor({ state: 'detached' })
}

/** Opens a new entry from the tab's "Bewerbung oder Kontakt erfassen" and saves it. */
export async function logJobSearchEntry(page: Page, fields: JobSearchFields): Promise<void> {
  await byTestId(page, 'jobSearch.add').click()
  await fillJobSearchEntry(page, fields)
}

/** The entry cards of the log as their text, one per entry, in the order shown. */
export async function jobSearchEntryTexts(page: Page): Promise<string[]> {
  return byTestId(page, 'jobSearch.entry').allInnerTexts()
}
