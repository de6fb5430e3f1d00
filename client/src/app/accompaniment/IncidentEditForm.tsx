/**
 * Changing a saved incident of the crisis log (issue 19, A8/B1): its date,
 * kind, description, to whom it was reported and its follow-ups' texts and
 * due dates. The entry turns into this form; focus goes to its first field
 * and, on Save, Cancel or Escape, back to the entry's Edit button (the
 * caller). The change is checked before writing (editIncident) as the relay
 * checks it, and records who changed it and when.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { editIncident, IncidentKinds, type Incident, type IncidentKind } from '../../../../shared/src/caseDocument/accompaniment.js'
import { Limits } from '../../../../shared/src/limits.js'
import { formatDate } from '../format.js'

export type IncidentEditOutcome = 'saved' | 'unchanged' | 'cancelled'

interface FollowUpDraft {
  id: string
  text: string
  due: string
}

export function IncidentEditForm({ notes, incident, userId, onDone }: { notes: Y.Doc; incident: Incident; userId: string; onDone: (outcome: IncidentEditOutcome) => void }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const first = useRef<HTMLInputElement>(null)
  const [date, setDate] = useState(incident.date)
  const [kind, setKind] = useState<IncidentKind>(incident.kind)
  const [description, setDescription] = useState(incident.description)
  const [reportedTo, setReportedTo] = useState(incident.reportedTo)
  const [followUps, setFollowUps] = useState<FollowUpDraft[]>(incident.followUps.map((followUp) => ({ id: followUp.id, text: followUp.text, due: followUp.due ?? '' })))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    first.current?.focus()
  }, [])
  const setFollowUp = (index: number, change: Partial<FollowUpDraft>): void => {
    setFollowUps((drafts) => drafts.map((draft, at) => (at === index ? { ...draft, ...change } : draft)))
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (date === '' || description.trim() === '' || followUps.some((followUp) => followUp.text.trim() === '')) {
      setError(t('accompaniment.incidentEditInvalid'))
      return
    }
    try {
      const changed = editIncident(
        notes,
        incident.id,
        {
          date,
          kind,
          description: description.trim(),
          reportedTo: reportedTo.trim(),
          followUps: followUps.map((followUp) => ({ id: followUp.id, text: followUp.text.trim(), ...(followUp.due ? { due: followUp.due } : {}) })),
        },
        { userId, at: new Date().toISOString() },
      )
      onDone(changed ? 'saved' : 'unchanged')
    } catch (err) {
      if (!(err instanceof RangeError)) {
        throw err
      }
      setError(t('accompaniment.incidentEditInvalid'))
    }
  }
  return (
    <form
      className="form"
      onSubmit={submit}
      // Escape leaves the form unsaved, as Cancel does.
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onDone('cancelled')
        }
      }}
      aria-labelledby={`${id}-h`}
      data-testid="incident.edit-form"
    >
      <h3 id={`${id}-h`}>{t('accompaniment.incidentEditHeading', { date: formatDate(incident.date, i18n.language) })}</h3>
      <label htmlFor={`${id}-date`}>{t('accompaniment.incidentDate')}</label>
      <input ref={first} id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} data-testid="incident.edit-date" />
      <label htmlFor={`${id}-kind`}>{t('accompaniment.incidentKind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as IncidentKind)} data-testid="incident.edit-kind">
        {IncidentKinds.map((value) => (
          <option key={value} value={value}>
            {t(`accompanimentWords.incidentKind.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-description`}>{t('accompaniment.incidentDescription')}</label>
      <textarea
        id={`${id}-description`}
        required
        maxLength={Limits.maxShortTextLength}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        data-testid="incident.edit-description"
      />
      <label htmlFor={`${id}-reported`}>{t('accompanimentWords.headings.reportedTo')}</label>
      <input id={`${id}-reported`} maxLength={Limits.maxShortTextLength} value={reportedTo} onChange={(event) => setReportedTo(event.target.value)} data-testid="incident.edit-reported-to" />
      {followUps.map((followUp, index) => (
        <div key={followUp.id} className="stack" data-testid="incident.edit-follow-up">
          <label htmlFor={`${id}-f${index}-text`}>{t('accompaniment.followUpEditText', { number: index + 1 })}</label>
          <input
            id={`${id}-f${index}-text`}
            required
            maxLength={Limits.maxShortTextLength}
            value={followUp.text}
            onChange={(event) => setFollowUp(index, { text: event.target.value })}
            data-testid="incident.edit-follow-up-text"
          />
          <label htmlFor={`${id}-f${index}-due`}>{t('accompaniment.followUpEditDue', { number: index + 1 })}</label>
          <input id={`${id}-f${index}-due`} type="date" value={followUp.due} onChange={(event) => setFollowUp(index, { due: event.target.value })} data-testid="incident.edit-follow-up-due" />
        </div>
      ))}
      {error !== null ? (
        <p role="alert" className="error" data-testid="incident.edit-error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" data-testid="incident.edit-save">
          {t('accompaniment.incidentEditSave')}
        </button>
        <button type="button" onClick={() => onDone('cancelled')} data-testid="incident.edit-cancel">
          {t('accompaniment.incidentEditCancel')}
        </button>
      </div>
    </form>
  )
}
