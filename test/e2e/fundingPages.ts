/**
 * Steps on the funding tab shared by the funding and billing walks (issue 18).
 */
import type { Page } from 'playwright-core'
import { byTestId } from './pages.js'

/** Today plus `offset` days, as the date inputs take it. */
export function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
}

/** Records an approval (or an extension of the first one) in the case's funding form. */
export async function recordApproval(page: Page, fields: { kind?: 'extension'; from: string; until: string; hours: string; rate?: string }): Promise<void> {
  const form = byTestId(page, 'funding.approval-form')
  if (fields.kind === 'extension') {
    await byTestId(page, 'funding.kind').selectOption('extension')
    await byTestId(page, 'funding.extends').selectOption({ index: 1 })
  }
  await byTestId(page, 'funding.valid-from').fill(fields.from)
  await byTestId(page, 'funding.valid-until').fill(fields.until)
  await byTestId(page, 'funding.hours').fill(fields.hours)
  if (fields.rate !== undefined) {
    await byTestId(page, 'funding.rate').fill(fields.rate)
  }
  await form.getByRole('button', { name: 'Eintrag speichern' }).click()
}
