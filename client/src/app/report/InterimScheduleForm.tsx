import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { InterimScheduleMonths, interimScheduleOf, setInterimSchedule } from '../../../../shared/src/report/parts.js'

/**
 * The case's interim-report schedule (the funding body decides: e.g. first
 * after 6 months, then yearly). Stored in the notes document, so it works
 * offline and both coaches see it.
 */
export function InterimScheduleForm({ notes, writable }: { notes: Y.Doc; writable: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const current = interimScheduleOf(notes)
  const [first, setFirst] = useState(String(current.firstAfterMonths))
  const [every, setEvery] = useState(String(current.thenEveryMonths))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault()
    try {
      setInterimSchedule(notes, { firstAfterMonths: Number(first), thenEveryMonths: Number(every) })
      setError(null)
      setSaved(true)
    } catch {
      setSaved(false)
      setError(t('report.schedule.invalid', InterimScheduleMonths))
    }
  }

  return (
    <form className="form interim-schedule no-print" onSubmit={handleSubmit} aria-labelledby={`${id}-h`} data-testid="report.schedule">
      <h2 id={`${id}-h`}>{t('report.schedule.heading')}</h2>
      <p className="meta">{t('report.schedule.explain')}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-first`}>{t('report.schedule.first')}</label>
          <input
            id={`${id}-first`}
            type="number"
            inputMode="numeric"
            min={InterimScheduleMonths.min}
            max={InterimScheduleMonths.max}
            step={1}
            required
            disabled={!writable}
            value={first}
            onChange={(event) => {
              setFirst(event.target.value)
              setSaved(false)
            }}
            data-testid="report.schedule-first"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-every`}>{t('report.schedule.every')}</label>
          <input
            id={`${id}-every`}
            type="number"
            inputMode="numeric"
            min={InterimScheduleMonths.min}
            max={InterimScheduleMonths.max}
            step={1}
            required
            disabled={!writable}
            value={every}
            onChange={(event) => {
              setEvery(event.target.value)
              setSaved(false)
            }}
            data-testid="report.schedule-every"
          />
        </div>
      </div>
      {error ? (
        <p role="alert" className="alert" data-testid="report.schedule-error">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="meta" data-testid="report.schedule-saved">
          {t('report.schedule.saved')}
        </p>
      ) : null}
      <button type="submit" disabled={!writable} data-testid="report.schedule-submit">
        {t('report.schedule.submit')}
      </button>
    </form>
  )
}
