import { useTranslation } from 'react-i18next'
import type { DiffPart, FieldDiff } from '../../../../../shared/src/versions/textDiff.js'
import { formatDate } from '../../format.js'

/** Fields whose values are ISO dates: shown formatted, old and new as a whole. */
const DateFields: ReadonlySet<string> = new Set(['timeBound', 'startDate', 'expectedEndDate', 'date'])

/** Word-level changes: <del>/<ins> with "entfernt"/"hinzugefügt" for screen readers (the strike-through is not read out). */
export function DiffParts({ parts }: { parts: readonly DiffPart[] }) {
  const { t } = useTranslation()
  return (
    <span className="diff-text">
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={index}>
            <span className="visually-hidden">{t('versions.diff.added')}: </span>
            {part.text}
          </ins>
        ) : (
          <del key={index}>
            <span className="visually-hidden">{t('versions.diff.removed')}: </span>
            {part.text}
          </del>
        ),
      )}
    </span>
  )
}

/** One changed field: dates old → new, texts word by word. */
export function FieldChange({ field }: { field: FieldDiff }) {
  const { t, i18n } = useTranslation()
  if (!DateFields.has(field.field)) {
    return <DiffParts parts={field.parts} />
  }
  const show = (value: string): string => (value === '' ? t('versions.diff.empty') : formatDate(value, i18n.language))
  return (
    <DiffParts
      parts={[
        { kind: 'removed', text: show(field.before) },
        { kind: 'same', text: ' → ' },
        { kind: 'added', text: show(field.after) },
      ]}
    />
  )
}
