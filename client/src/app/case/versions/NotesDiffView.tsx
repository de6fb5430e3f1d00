import { useTranslation } from 'react-i18next'
import type { NotesDiff } from '../../../../../shared/src/versions/notesDiff.js'
import type { EntryDiff, FieldDiff } from '../../../../../shared/src/versions/textDiff.js'
import { FieldChange } from './DiffText.js'

/**
 * What changed in the phase notes (coaches): texts word by word, then
 * meetings, hours and phase reviews as lists of changed entries.
 */
export function NotesDiffView({ diff }: { diff: NotesDiff }) {
  const { t } = useTranslation()
  const textLabel = (name: string): string => {
    const [kind, first, second] = name.split(':')
    if (kind === 'phase' && first) {
      return t('versions.diff.field.phaseNotes', { phase: t(`phases.${first}`) })
    }
    if (kind === 'meeting') {
      return t('versions.diff.field.meeting')
    }
    if (kind === 'report') {
      return t('versions.diff.field.report', { part: second ?? first ?? '' })
    }
    const outcome = { 'outcome.kind': 'outcomeKind', 'outcome.how': 'outcomeHow', 'outcome.why': 'outcomeWhy' }[name]
    return outcome ? t(`versions.diff.field.${outcome}`) : name
  }
  const fields = (list: readonly FieldDiff[], label: (field: string) => string) => (
    <dl className="diff-fields">
      {list.map((field) => (
        <div key={field.field} className="diff-field">
          <dt>{label(field.field)}</dt>
          <dd>
            <FieldChange field={field} />
          </dd>
        </div>
      ))}
    </dl>
  )
  const entries = (heading: string, list: readonly EntryDiff[]) =>
    list.length === 0 ? null : (
      <section>
        <h4>{heading}</h4>
        <ul className="diff-entries">
          {list.map((entry) => (
            <li key={entry.id} className={`diff-entry diff-${entry.change}`}>
              <p className="diff-entry-head">
                <strong>{entry.label}</strong>{' '}
                <span className="diff-badge">{t(`versions.diff.entry${entry.change === 'added' ? 'Added' : entry.change === 'removed' ? 'Removed' : 'Changed'}`)}</span>
              </p>
              {fields(entry.fields, (field) => t(`versions.diff.field.${field}`))}
            </li>
          ))}
        </ul>
      </section>
    )
  if (!diff.changed) {
    return (
      <p className="meta" data-testid="versions.diff" data-changed="false">
        {t('versions.unchanged')}
      </p>
    )
  }
  return (
    <div className="version-diff" data-testid="versions.diff" data-changed="true">
      {diff.texts.length > 0 ? (
        <section>
          <h4>{t('versions.diff.texts')}</h4>
          {fields(diff.texts, textLabel)}
        </section>
      ) : null}
      {entries(t('versions.diff.meetings'), diff.meetings)}
      {entries(t('versions.diff.hours'), diff.hours)}
      {entries(t('versions.diff.reviews'), diff.reviews)}
    </div>
  )
}
