/**
 * The occupational profile's part of the readable export (issue 19:
 * Vorabklärung A2, Berufsprofil A3), in the app's words
 * (shared/src/labels/profileLabels.ts). Every text is escaped.
 */
import type { ExportProfile } from '../../../shared/src/api/caseExport.js'
import { CompetenceKeys, WishKeys } from '../../../shared/src/caseDocument/profile.js'
import type { ExportWriter } from './exportFormat.js'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** The profile as HTML (headings h3 and below); a note when there is none. */
export function renderProfileHtml(profile: ExportProfile | undefined, w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  const none = `<p class="empty">${e(t('export.none'))}</p>`
  if (profile === undefined) {
    return none
  }
  const w$ = (key: string): string => e(t(`profileWords.${key}`))
  const facts = (group: 'wishes' | 'competences', keys: readonly string[], values: Partial<Record<string, string>>): string => {
    const rows = keys.flatMap((key) => {
      const value = values[key] ?? ''
      return value.trim() === '' ? [] : [`<dt>${w$(`${group}.${key}.label`)}</dt><dd>${e(value).replace(/\n/g, '<br>')}</dd>`]
    })
    return rows.length === 0 ? none : `<dl>${rows.join('')}</dl>`
  }
  const list = (items: string[]): string => (items.length === 0 ? none : `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`)
  const parts = (pairs: Array<[string, string]>): string =>
    pairs
      .filter(([, value]) => value.trim() !== '')
      .map(([label, value]) => `${label}: ${e(value)}`)
      .join(' — ')
  return [
    `<h3>${w$('sections.wishes.label')}</h3>`,
    facts('wishes', WishKeys, profile.wishes),
    `<h3>${w$('sections.career.label')}</h3>`,
    list(profile.career.map((entry) => parts([[w$('career.period'), entry.period], [w$('career.occupation'), entry.occupation], [w$('career.employer'), entry.employer], [w$('career.note'), entry.note]]))),
    `<h3>${w$('sections.actionPlan.label')}</h3>`,
    list(
      profile.actionPlan.map(
        (entry) => `${parts([[w$('action.goal'), entry.goal], [w$('action.measures'), entry.measures]])} (${w$(`horizon.${entry.horizon}`)}, ${w$(`actionStatus.${entry.status}`)})`,
      ),
    ),
    `<h3>${w$('sections.competences.label')}</h3>`,
    facts('competences', CompetenceKeys, profile.competences),
    `<h3>${w$('sections.occupations.label')}</h3>`,
    list(profile.occupations.map((entry) => parts([[w$('occupation.title.label'), entry.title], [w$('occupation.why.label'), entry.why]]))),
    `<h3>${w$('sections.assessments.label')}</h3>`,
    list(
      profile.assessments.map((entry) =>
        parts([[w$('assessment.source'), entry.source], [w$('assessment.date'), entry.date === undefined ? '' : w.day(entry.date)], [w$('assessment.text'), entry.text]]),
      ),
    ),
  ].join('\n')
}
