/**
 * Support intensity over time (issue 19, profile A7: "so intensiv und so
 * lange wie nötig"): from which day the tandem accompanies how intensely,
 * with the hours a week they plan. Tandem only (notes room).
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addSupportIntensity, currentSupportIntensity, readSupportIntensity, SupportLevels, type SupportLevel } from '../../../../shared/src/caseDocument/accompaniment.js'
import { Limits } from '../../../../shared/src/limits.js'
import { localToday } from '../../../../shared/src/process/dates.js'
import { formatDate } from '../format.js'
import { newId } from '../newId.js'

export function SupportIntensity({ notes, writable }: { notes: Y.Doc; writable: boolean }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const entries = readSupportIntensity(notes)
  const current = currentSupportIntensity(entries, localToday())
  const [from, setFrom] = useState(localToday())
  const [level, setLevel] = useState<SupportLevel>('high')
  const [hours, setHours] = useState('')
  const [note, setNote] = useState('')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const hoursPerWeek = hours.trim() === '' ? undefined : Number(hours.replace(',', '.'))
    addSupportIntensity(notes, { id: newId(), from, level, ...(hoursPerWeek !== undefined && Number.isFinite(hoursPerWeek) ? { hoursPerWeek } : {}), note: note.trim() })
    setNote('')
    setHours('')
  }
  return (
    <section aria-labelledby={`${id}-h`} className="stack" data-testid="intensity.section">
      <h2 id={`${id}-h`}>{t('accompanimentWords.headings.supportIntensity')}</h2>
      <p data-testid="intensity.current">
        {current ? t('accompaniment.intensityCurrent', { level: t(`accompanimentWords.supportLevel.${current.level}`) }) : t('accompaniment.intensityNone')}
      </p>
      {entries.length > 0 ? (
        <ul>
          {entries.map((entry) => (
            <li key={entry.id} data-testid="intensity.entry">
              {t('accompaniment.intensityFrom', { date: formatDate(entry.from, i18n.language) })}: {t(`accompanimentWords.supportLevel.${entry.level}`)}
              {entry.hoursPerWeek !== undefined ? ` (${entry.hoursPerWeek} ${t('accompanimentWords.headings.hoursPerWeek')})` : ''}
              {entry.note !== '' ? ` — ${entry.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {writable ? (
        <form className="form card" onSubmit={submit} data-testid="intensity.form">
          <label htmlFor={`${id}-from`}>{t('accompaniment.intensityFromLabel')}</label>
          <input id={`${id}-from`} type="date" required value={from} onChange={(event) => setFrom(event.target.value)} data-testid="intensity.from" />
          <label htmlFor={`${id}-level`}>{t('accompaniment.intensityLevel')}</label>
          <select id={`${id}-level`} value={level} onChange={(event) => setLevel(event.target.value as SupportLevel)} data-testid="intensity.level">
            {SupportLevels.map((value) => (
              <option key={value} value={value}>
                {t(`accompanimentWords.supportLevel.${value}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-hours`}>{t('accompaniment.intensityHours')}</label>
          <input id={`${id}-hours`} inputMode="decimal" value={hours} onChange={(event) => setHours(event.target.value)} data-testid="intensity.hours" />
          <label htmlFor={`${id}-note`}>{t('accompaniment.intensityNote')}</label>
          <input id={`${id}-note`} maxLength={Limits.maxShortTextLength} value={note} onChange={(event) => setNote(event.target.value)} data-testid="intensity.note" />
          <div className="button-row">
            <button type="submit" data-testid="intensity.save">
              {t('accompaniment.intensitySave')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  )
}
