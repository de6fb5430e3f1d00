/**
 * The accompaniment part of the readable data export (issue 19): support
 * intensity, the crisis log with its follow-ups and the Austrittsformular,
 * in the app's words. Every text escaped.
 */
import type { CaseExport } from '../../../shared/src/api/caseExport.js'
import type { ExportWriter } from './exportFormat.js'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function items(entries: string[], none: string): string {
  return entries.length === 0 ? `<p class="empty">${escapeHtml(none)}</p>` : `<ul>${entries.map((entry) => `<li>${entry}</li>`).join('')}</ul>`
}

export function accompanimentSection(accompaniment: CaseExport['notes']['accompaniment'], w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  const none = t('export.none')
  const words = (key: string): string => e(t(`accompanimentWords.headings.${key}`))
  if (!accompaniment) {
    return ''
  }
  const intensity = accompaniment.supportIntensity.map(
    (entry) =>
      `<strong>${e(w.day(entry.from))}: ${e(t(`accompanimentWords.supportLevel.${entry.level}`))}</strong>${entry.hoursPerWeek !== undefined ? ` (${e(w.number(entry.hoursPerWeek))} ${words('hoursPerWeek')})` : ''}${entry.note.trim() !== '' ? ` — ${e(entry.note)}` : ''}`,
  )
  const incidents = accompaniment.incidents.map((incident) => {
    const followUps = incident.followUps.map(
      (followUp) => `${e(followUp.text)}${followUp.due ? ` (${words('due')} ${e(w.day(followUp.due))})` : ''} — ${followUp.done ? words('done') : words('open')}`,
    )
    const edited = incident.editedAt !== undefined ? ` <small>(${words('edited')} ${e(w.dateTime(incident.editedAt))})</small>` : ''
    return `<strong>${e(w.day(incident.date))} — ${e(t(`accompanimentWords.incidentKind.${incident.kind}`))}</strong>${edited}<p>${e(incident.description)}</p>${incident.reportedTo.trim() !== '' ? `<p>${words('reportedTo')}: ${e(incident.reportedTo)}</p>` : ''}${followUps.length > 0 ? `<p>${words('followUps')}:</p>${items(followUps, none)}` : ''}`
  })
  const exit = accompaniment.exitForm
  const exitRows = [
    exit.date ? `<dt>${words('exitDate')}</dt><dd>${e(w.day(exit.date))}</dd>` : '',
    exit.reason ? `<dt>${words('exitReason')}</dt><dd>${e(t(`accompanimentWords.exitReason.${exit.reason}`))}</dd>` : '',
    (exit.followUps ?? []).length > 0 ? `<dt>${words('exitFollowUps')}</dt><dd>${(exit.followUps ?? []).map((option) => e(t(`accompanimentWords.exitFollowUp.${option}`))).join(', ')}</dd>` : '',
    (exit.otherFollowUp ?? '').trim() !== '' ? `<dt>${words('otherFollowUp')}</dt><dd>${e(exit.otherFollowUp ?? '')}</dd>` : '',
    (exit.handover ?? '').trim() !== '' ? `<dt>${words('handover')}</dt><dd>${e(exit.handover ?? '')}</dd>` : '',
  ].join('')
  return `<h3>${words('supportIntensity')}</h3>
${items(intensity, none)}
<h3>${words('incidents')}</h3>
${items(incidents, none)}
<h3>${words('exitForm')}</h3>
${exitRows !== '' ? `<dl>${exitRows}</dl>` : `<p class="empty">${e(none)}</p>`}`
}
