import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { InterimScheduleMonths, interimScheduleOf, setInterimSchedule } from '../../../../shared/src/report/parts.js'

/**
 * The case's interim-report schedule: by default the first report at the
 * middle of the expected duration and no further ones; the funding body may
 * ask otherwise (an empty field keeps the default). Stored in the notes
 * document, so it works offline and both coaches see it.
 */
export function InterimScheduleForm({ notes, writable }: { notes: Y.Doc; writable: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const current = interimScheduleOf(notes)
  const [first, setFirst] = useState(current.firstAfterMonths === undefined ? '' : String(current.firstAfterMonths))
  const [every, setEvery] = useState(current.thenEveryMonths === undefined ? '' : String(current.thenEveryMonths))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault()
    try {
      setInterimSchedule(notes, { firstAfterMonths: monthsOrDefault(first), thenEveryMonths: monthsOrDefault(every) })
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
          hint={t('report.schedule.firstDefault')}
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
          hint={t('report.schedule.everyDefault')}
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

/** An empty field keeps the default. */
function monthsOrDefault(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value)
}

interface MonthsFieldProps {
  id: string
  label: string
  /** What an empty field means. */
  hint: string
  value: string
  writable: boolean
  onChange: (value: string) => void
  testId: string
}

/** A whole number of months within the schedule's bounds, or empty for the default. */
function MonthsField({ id, label, hint, value, writable, onChange, testId }: MonthsFieldProps) {
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
        placeholder={hint}
        aria-describedby={`${id}-hint`}
        disabled={!writable}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <small id={`${id}-hint`} className="meta">
        {hint}
      </small>
    </div>
  )
}
