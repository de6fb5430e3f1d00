/**
 * The crisis and incident log (issue 19; profile A8, B1: incidents reported
 * promptly): what happened, to whom it was reported, and follow-ups with a
 * date that the case's reminders and the mail digest announce. A saved
 * entry can be changed by the tandem (IncidentEditForm). Tandem only (notes
 * room).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addFollowUp, addIncident, IncidentKinds, readIncidents, setFollowUpDone, type Incident, type IncidentKind } from '../../../../shared/src/caseDocument/accompaniment.js'
import { Limits } from '../../../../shared/src/limits.js'
import { localToday } from '../../../../shared/src/process/dates.js'
import { formatDate, formatDateTime } from '../format.js'
import { newId } from '../newId.js'
import { IncidentEditForm, type IncidentEditOutcome } from './IncidentEditForm.js'

function FollowUpForm({ notes, incidentId }: { notes: Y.Doc; incidentId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const [due, setDue] = useState('')
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (text.trim() === '') {
      return
    }
    addFollowUp(notes, incidentId, { id: newId(), text: text.trim(), ...(due ? { due } : {}), done: false })
    setText('')
    setDue('')
  }
  return (
    <form className="form inline-form" onSubmit={submit} data-testid="incident.follow-up-form">
      <label htmlFor={`${id}-text`}>{t('accompaniment.followUpText')}</label>
      <input id={`${id}-text`} maxLength={Limits.maxShortTextLength} value={text} onChange={(event) => setText(event.target.value)} data-testid="incident.follow-up-text" />
      <label htmlFor={`${id}-due`}>{t('accompaniment.followUpDue')}</label>
      <input id={`${id}-due`} type="date" value={due} onChange={(event) => setDue(event.target.value)} data-testid="incident.follow-up-due" />
      <button type="submit" className="small" disabled={text.trim() === ''} data-testid="incident.follow-up-add">
        {t('accompaniment.followUpAdd')}
      </button>
    </form>
  )
}

interface EntryProps {
  notes: Y.Doc
  incident: Incident
  writable: boolean
  userId: string
  nameOf: (userId: string) => string
  onNotice: (notice: string) => void
}

function IncidentEntry({ notes, incident, writable, userId, nameOf, onNotice }: EntryProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [editing, setEditing] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  useEffect(() => {
    // Back from the form: the Edit button that opened it takes the focus again.
    if (!editing && returnFocus.current) {
      returnFocus.current = false
      editButton.current?.focus()
    }
  }, [editing])
  const done = (outcome: IncidentEditOutcome): void => {
    returnFocus.current = true
    setEditing(false)
    if (outcome !== 'cancelled') {
      onNotice(t(outcome === 'saved' ? 'accompaniment.incidentEdited' : 'accompaniment.incidentUnchanged'))
    }
  }
  if (editing && writable) {
    return (
      <li className="card" data-testid="incident.entry" data-kind={incident.kind} data-editing="true">
        <IncidentEditForm notes={notes} incident={incident} userId={userId} onDone={done} />
      </li>
    )
  }
  return (
    <li className="card" data-testid="incident.entry" data-kind={incident.kind}>
      <h3 id={`${id}-h`}>
        {formatDate(incident.date, i18n.language)} — {t(`accompanimentWords.incidentKind.${incident.kind}`)}
      </h3>
      <p className="pre-line">{incident.description}</p>
      {incident.reportedTo.trim() !== '' ? (
        <p>
          <strong>{t('accompanimentWords.headings.reportedTo')}:</strong> {incident.reportedTo}
        </p>
      ) : null}
      <h4>{t('accompanimentWords.headings.followUps')}</h4>
      {incident.followUps.length === 0 ? <p className="meta">{t('accompaniment.noFollowUps')}</p> : null}
      <ul className="plain-list">
        {incident.followUps.map((followUp) => (
          <li key={followUp.id} data-testid="incident.follow-up" data-done={String(followUp.done)}>
            <label className="checkbox">
              <input type="checkbox" checked={followUp.done} disabled={!writable} onChange={(event) => setFollowUpDone(notes, incident.id, followUp.id, event.target.checked)} />{' '}
              {followUp.text}
              {followUp.due ? ` (${t('accompanimentWords.headings.due')} ${formatDate(followUp.due, i18n.language)})` : ''}
            </label>
          </li>
        ))}
      </ul>
      {incident.editedBy !== undefined && incident.editedAt !== undefined ? (
        <p className="meta" data-testid="incident.edited">
          {t('accompaniment.incidentEditedBy', { name: nameOf(incident.editedBy), date: formatDateTime(incident.editedAt, i18n.language) })}
        </p>
      ) : null}
      {writable ? (
        <div className="button-row">
          <button type="button" ref={editButton} aria-describedby={`${id}-h`} onClick={() => setEditing(true)} data-testid="incident.edit">
            {t('accompaniment.incidentEdit')}
          </button>
        </div>
      ) : null}
      {writable ? <FollowUpForm notes={notes} incidentId={incident.id} /> : null}
    </li>
  )
}

export function IncidentLog({ notes, writable, userId, nameOf }: { notes: Y.Doc; writable: boolean; userId: string; nameOf: (userId: string) => string }) {
  const { t } = useTranslation()
  const id = useId()
  const incidents = readIncidents(notes)
  const [date, setDate] = useState(localToday())
  const [kind, setKind] = useState<IncidentKind>('crisis')
  const [description, setDescription] = useState('')
  const [reportedTo, setReportedTo] = useState('')
  const [followUp, setFollowUp] = useState('')
  const [followUpDue, setFollowUpDue] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (description.trim() === '' || date === '') {
      return
    }
    addIncident(notes, {
      id: newId(),
      date,
      kind,
      coachId: userId,
      description: description.trim(),
      reportedTo: reportedTo.trim(),
      followUps: followUp.trim() === '' ? [] : [{ id: newId(), text: followUp.trim(), ...(followUpDue ? { due: followUpDue } : {}), done: false }],
    })
    setDescription('')
    setReportedTo('')
    setFollowUp('')
    setFollowUpDue('')
    setNotice(t('accompaniment.incidentSaved'))
  }
  return (
    <section aria-labelledby={`${id}-h`} className="stack" data-testid="incident.log">
      <h2 id={`${id}-h`}>{t('accompanimentWords.headings.incidents')}</h2>
      <p className="meta">{t('accompaniment.incidentsIntro')}</p>
      {writable ? (
        <form className="form card" onSubmit={submit} data-testid="incident.form">
          <h3>{t('accompaniment.incidentAdd')}</h3>
          <label htmlFor={`${id}-date`}>{t('accompaniment.incidentDate')}</label>
          <input id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} data-testid="incident.date" />
          <label htmlFor={`${id}-kind`}>{t('accompaniment.incidentKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as IncidentKind)} data-testid="incident.kind">
            {IncidentKinds.map((value) => (
              <option key={value} value={value}>
                {t(`accompanimentWords.incidentKind.${value}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-description`}>{t('accompaniment.incidentDescription')}</label>
          <textarea id={`${id}-description`} required maxLength={Limits.maxShortTextLength} value={description} onChange={(event) => setDescription(event.target.value)} data-testid="incident.description" />
          <label htmlFor={`${id}-reported`}>{t('accompanimentWords.headings.reportedTo')}</label>
          <input id={`${id}-reported`} maxLength={Limits.maxShortTextLength} aria-describedby={`${id}-reported-help`} value={reportedTo} onChange={(event) => setReportedTo(event.target.value)} data-testid="incident.reported-to" />
          <p id={`${id}-reported-help`} className="meta">
            {t('accompaniment.reportedToHelp')}
          </p>
          <label htmlFor={`${id}-follow-up`}>{t('accompaniment.firstFollowUp')}</label>
          <input id={`${id}-follow-up`} maxLength={Limits.maxShortTextLength} value={followUp} onChange={(event) => setFollowUp(event.target.value)} data-testid="incident.first-follow-up" />
          <label htmlFor={`${id}-follow-up-due`}>{t('accompaniment.followUpDue')}</label>
          <input id={`${id}-follow-up-due`} type="date" value={followUpDue} onChange={(event) => setFollowUpDue(event.target.value)} data-testid="incident.first-follow-up-due" />
          <div className="button-row">
            <button type="submit" className="primary" disabled={description.trim() === ''} data-testid="incident.save">
              {t('accompaniment.incidentSave')}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" className="meta">
        {notice}
      </p>
      {incidents.length === 0 ? <p className="meta">{t('accompaniment.noIncidents')}</p> : null}
      <ul className="plain-list stack">
        {incidents.map((incident) => (
          <IncidentEntry key={incident.id} notes={notes} incident={incident} writable={writable} userId={userId} nameOf={nameOf} onNotice={setNotice} />
        ))}
      </ul>
    </section>
  )
}
