/**
 * The application and contact log in the readable data export (issue 19,
 * A4/A5): each application or contact with its employer, position, kind of
 * placement, status, next step and interview, in the app's words
 * (shared/src/labels/jobSearchLabels.ts). Every text escaped; an empty log
 * says so ("keine Einträge") rather than leaving the reader to guess.
 */
import type { CaseExport } from '../../../shared/src/api/caseExport.js'
import type { ExportWriter } from './exportFormat.js'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** The section's body (the caller writes its heading); `entries` missing (an older export) reads as none. */
export function jobSearchSection(entries: CaseExport['jobSearch'], w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  const word = (key: string): string => e(t(`jobSearchWords.headings.${key}`))
  if (entries === undefined || entries.length === 0) {
    return `<p class="empty" data-part="jobSearch">${word('noEntries')}</p>`
  }
  const items = entries.map((entry) => {
    const row = (key: string, value: string): string => (value.trim() === '' ? '' : `<dt>${word(key)}</dt><dd>${e(value).replace(/\n/g, '<br>')}</dd>`)
    const nextStep = entry.nextStep.trim() === '' ? '' : entry.nextStepOn !== null ? `${entry.nextStep} (${t('jobSearchWords.headings.nextStepOn')} ${w.day(entry.nextStepOn)})` : entry.nextStep
    const rows = [
      row('position', entry.position),
      row('placementKind', t(`jobSearchWords.placementKind.${entry.placementKind}`)),
      row('contactPerson', entry.contactPerson),
      row('status', t(`jobSearchWords.status.${entry.status}`)),
      row('nextStep', nextStep),
      row('interviewOn', entry.interviewOn === null ? '' : w.day(entry.interviewOn)),
      row('interviewPreparation', entry.interviewPreparation),
      row('accompanied', entry.accompaniedByCoach ? t('jobSearchWords.headings.yes') : ''),
    ].join('')
    return `<strong>${e(w.day(entry.date))} — ${e(t(`jobSearchWords.kind.${entry.kind}`))}: ${e(entry.employerName)}</strong>${rows !== '' ? `<dl>${rows}</dl>` : ''}`
  })
  return `<ul data-part="jobSearch">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`
}
