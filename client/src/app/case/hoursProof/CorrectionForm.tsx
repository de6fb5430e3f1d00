import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addHoursEntry, type HoursEntry } from '../../../../../shared/src/caseDocument/notes.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { localEdit } from '../../../sync/docUndo.js'
import { formatDate } from '../../format.js'
import { newId } from '../../newId.js'

/**
 * A correction of an entry in a confirmed (locked) month (issue 18): the
 * entry stays as confirmed; the correction is a new entry of the same day,
 * category and place with the hours to add (negative: to take back) and a
 * reason, shown as a correction in the log and in the proof.
 */
export function CorrectionForm({ notesDoc, entry, userId, onDone }: { notesDoc: Y.Doc; entry: HoursEntry; userId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [hours, setHours] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const amount = Number(hours.replace(',', '.'))
    if (hours.trim() === '' || !Number.isFinite(amount) || amount === 0 || Math.abs(amount) > 24) {
      setError(t('proof.correctionHoursInvalid'))
      return
    }
    if (reason.trim() === '') {
      setError(t('proof.correctionReasonRequired'))
      return
    }
    localEdit(notesDoc, 'notes', () =>
      addHoursEntry(notesDoc, {
        id: newId(),
        date: entry.date,
        hours: Math.round(amount * 100) / 100,
        activity: '',
        coachId: userId,
        ...(entry.phase === undefined ? {} : { phase: entry.phase }),
        ...(entry.category === undefined ? {} : { category: entry.category }),
        ...(entry.place === undefined ? {} : { place: entry.place }),
        correctionOf: entry.id,
        reason: reason.trim().slice(0, Limits.maxHoursActivityLength),
      }),
    )
    onDone()
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate data-testid="hours.correction-form">
      <h4 id={`${id}-h`}>{t('proof.correctionHeading', { date: formatDate(entry.date, i18n.language) })}</h4>
      <p className="meta">{t('proof.correctionHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-hours`}>{t('proof.correctionHours')}</label>
        <input id={`${id}-hours`} inputMode="decimal" value={hours} onChange={(event) => setHours(event.target.value)} data-testid="hours.correction-hours" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('proof.correctionReason')}</label>
        <input id={`${id}-reason`} required maxLength={Limits.maxHoursActivityLength} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="hours.correction-reason" />
      </div>
      {error ? (
        <p role="alert" className="alert" data-testid="hours.correction-error">
          {error}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="primary" data-testid="hours.correction-save">
          {t('proof.correctionSave')}
        </button>{' '}
        <button type="button" onClick={onDone}>
          {t('proof.correctionCancel')}
        </button>
      </p>
    </form>
  )
}
