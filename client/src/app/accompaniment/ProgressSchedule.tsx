/**
 * Standortgespräche on a schedule (issue 19, profile A9): the interval in
 * weeks, the next date derived from the last one recorded (or the start),
 * a reminder when it is due, and recording one (a meeting of kind
 * `progress`, listed with the other meetings of the case).
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { ProgressIntervalWeeks, readProgressInterval, setProgressInterval } from '../../../../shared/src/caseDocument/accompaniment.js'
import { addMeeting, meetingFragmentName, readNotes } from '../../../../shared/src/caseDocument/notes.js'
import { planMeta } from '../../../../shared/src/caseDocument/plan.js'
import { localToday } from '../../../../shared/src/process/dates.js'
import { nextProgressMeetingDate, progressMeetingReminder } from '../../../../shared/src/process/progressMeetings.js'
import { formatDate } from '../format.js'
import { newId } from '../newId.js'

export function ProgressSchedule({ plan, notes, writable }: { plan: Y.Doc; notes: Y.Doc; writable: boolean }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const everyWeeks = readProgressInterval(notes)
  const [interval, setIntervalText] = useState(everyWeeks === undefined ? '' : String(everyWeeks))
  const [date, setDate] = useState(localToday())
  const [notice, setNotice] = useState<string | null>(null)
  const read = readNotes(notes)
  const meetings = read.ok ? read.value.meetings : []
  const start = planMeta(plan).get('startDate')
  const input = { startDate: typeof start === 'string' ? start : undefined, everyWeeks, meetings }
  const next = nextProgressMeetingDate(input)
  const reminder = progressMeetingReminder(input, localToday())
  const held = meetings.filter((meeting) => meeting.kind === 'progress')

  const saveInterval = (event: FormEvent): void => {
    event.preventDefault()
    const weeks = interval.trim() === '' ? undefined : Number(interval)
    if (weeks !== undefined && (!Number.isInteger(weeks) || weeks < ProgressIntervalWeeks.min || weeks > ProgressIntervalWeeks.max)) {
      setNotice(t('accompaniment.intervalInvalid'))
      return
    }
    setProgressInterval(notes, weeks)
    setNotice(t('accompaniment.intervalSaved'))
  }
  const record = (event: FormEvent): void => {
    event.preventDefault()
    const meetingId = newId()
    addMeeting(notes, { id: meetingId, kind: 'progress', date, participants: '', fragment: meetingFragmentName(meetingId) })
    setNotice(t('accompaniment.progressRecorded', { date: formatDate(date, i18n.language) }))
  }
  return (
    <section aria-labelledby={`${id}-h`} className="stack" data-testid="progress.section">
      <h2 id={`${id}-h`}>{t('accompaniment.progressHeading')}</h2>
      <p className="meta">{t('accompaniment.progressIntro')}</p>
      {reminder ? (
        <p className="notice warn" data-testid="progress.reminder" data-code={reminder.code}>
          {t(`process.reminder.${reminder.code}`, { date: formatDate(reminder.dueDate, i18n.language) })}
        </p>
      ) : next ? (
        <p data-testid="progress.next">{t('accompaniment.progressNext', { date: formatDate(next, i18n.language) })}</p>
      ) : null}
      {writable ? (
        <form className="form inline-form" onSubmit={saveInterval} data-testid="progress.interval-form">
          <label htmlFor={`${id}-weeks`}>{t('accompaniment.intervalLabel')}</label>
          <input
            id={`${id}-weeks`}
            type="number"
            inputMode="numeric"
            min={ProgressIntervalWeeks.min}
            max={ProgressIntervalWeeks.max}
            value={interval}
            onChange={(event) => setIntervalText(event.target.value)}
            data-testid="progress.interval"
          />
          <button type="submit" className="small" data-testid="progress.interval-save">
            {t('accompaniment.intervalSave')}
          </button>
        </form>
      ) : everyWeeks !== undefined ? (
        <p>{t('accompaniment.intervalShown', { count: everyWeeks })}</p>
      ) : null}
      {writable ? (
        <form className="form inline-form" onSubmit={record} data-testid="progress.record-form">
          <label htmlFor={`${id}-date`}>{t('accompaniment.progressDate')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} data-testid="progress.date" />
          <button type="submit" className="small" data-testid="progress.record">
            {t('accompaniment.progressRecord')}
          </button>
        </form>
      ) : null}
      {held.length > 0 ? (
        <ul data-testid="progress.held">
          {held.map((meeting) => (
            <li key={meeting.id}>{formatDate(meeting.date, i18n.language)}</li>
          ))}
        </ul>
      ) : null}
      <p role="status" className="meta">
        {notice}
      </p>
    </section>
  )
}
