import { useTranslation } from 'react-i18next'
import type { HoursEntry } from '../../../../../shared/src/caseDocument/notes.js'

/** The actions of an entry in a confirmed month: it is read-only ("bestätigt"); a correction is offered instead. */
export function HoursLogActions({ entry, label, onCorrect }: { entry: HoursEntry; label: string; onCorrect: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="badge badge-ok">{t('proof.lockedEntry')}</span>{' '}
      {entry.correctionOf === undefined ? (
        <button type="button" onClick={onCorrect} aria-label={label} data-testid="hours.correct">
          {t('proof.correct')}
        </button>
      ) : null}
    </>
  )
}
