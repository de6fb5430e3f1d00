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
        <MonthsField
          id={`${id}-first`}
          label={t('report.schedule.first')}
          value={first}
          writable={writable}
          onChange={(value) => {
            setFirst(value)
            setSaved(false)
          }}
          testId="report.schedule-first"
        />
        <MonthsField
          id={`${id}-every`}
          label={t('report.schedule.every')}
          value={every}
          writable={writable}
          onChange={(value) => {
            setEvery(value)
            setSaved(false)
          }}
          testId="report.schedule-every"
        />
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

interface MonthsFieldProps {
  id: string
  label: string
  value: string
  writable: boolean
  onChange: (value: string) => void
  testId: string
}

/** A whole number of months within the schedule's bounds. */
function MonthsField({ id, label, value, writable, onChange, testId }: MonthsFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={InterimScheduleMonths.min}
        max={InterimScheduleMonths.max}
        step={1}
        required
        disabled={!writable}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </div>
  )
}
