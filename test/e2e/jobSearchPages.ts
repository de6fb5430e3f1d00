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
  if (fields.kind !== undefined) await byTestId(page, 'jobSearch.kind').selectOption(fields.kind)
  if (fields.employerName !== undefined) await byTestId(page, 'jobSearch.employer-name').fill(fields.employerName)
  if (fields.position !== undefined) await byTestId(page, 'jobSearch.position').fill(fields.position)
  if (fields.placementKind !== undefined) await byTestId(page, 'jobSearch.placement-kind').selectOption(fields.placementKind)
  if (fields.date !== undefined) await byTestId(page, 'jobSearch.date').fill(fields.date)
  if (fields.status !== undefined) await byTestId(page, 'jobSearch.status').selectOption(fields.status)
  if (fields.nextStep !== undefined) await byTestId(page, 'jobSearch.next-step').fill(fields.nextStep)
  // The "by" date has no test id of its own; its label is unique within the form.
  if (fields.nextStepOn !== undefined) await form.getByLabel('Nächster Schritt bis').fill(fields.nextStepOn)
  if (fields.interviewOn !== undefined) await byTestId(page, 'jobSearch.interview-on').fill(fields.interviewOn)
  if (fields.preparation !== undefined) await byTestId(page, 'jobSearch.preparation').fill(fields.preparation)
  if (fields.accompanied !== undefined) await byTestId(page, 'jobSearch.accompanied').setChecked(fields.accompanied)
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
