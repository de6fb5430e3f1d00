import { useId, useState, type FormEvent } from 'react'
import { caseIdOfRoom, parseRoomName } from '../../../../../shared/src/protocol/roomName.js'
import { meetingIcsUrl } from '../../../api/endpoints.js'
import { useTranslation } from 'react-i18next'
import {
  addMeeting,
  meetingFragmentName,
  MeetingKinds,
  removeMeeting,
  type Meeting,
} from '../../../../../shared/src/caseDocument/notes.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { sortMeetingsByDate } from '../../../../../shared/src/process/meetingReminders.js'
import { RichTextEditor } from '../../../editor/RichTextEditor.js'
import type { CaseRoom } from '../../../sync/CaseRoom.js'
import { formatDate } from '../../format.js'
import { newId } from '../../newId.js'
import { useRemovalUndo } from '../../../editor/RemovalNotice.js'
import { EntryListSection, RemoveEntryButton } from './EntryList.js'
import { UndoScope } from '../../../editor/UndoScope.js'
import { docUndo, localEdit } from '../../../sync/docUndo.js'

type MeetingKind = Meeting['kind']

export interface MeetingsPanelProps {
  /** The notes room (the meetings and their outcomes live in the notes document). */
  room: CaseRoom
  meetings: readonly Meeting[]
  writable: boolean
  caretUser: { name: string; color: string }
  /** The people around the case (plan participants, issue 16): a meeting picks its participants from them. */
  people?: readonly string[]
}

function MeetingItem({
  meeting,
  room,
  writable,
  caretUser,
  onRemove,
}: { meeting: Meeting; onRemove: (title: string) => void } & Omit<MeetingsPanelProps, 'meetings' | 'people'>) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const parsed = parseRoomName(room.roomName)
  const caseId = parsed ? caseIdOfRoom(parsed) : null
  const title = t('process.meetings.itemTitle', { kind: t(`process.meetingKind.${meeting.kind}`), date: formatDate(meeting.date, i18n.language) })
  return (
    <li className="meeting" data-testid="meeting.item" data-meeting-id={meeting.id} data-kind={meeting.kind} data-date={meeting.date}>
      <h4 id={`${id}-h`}>{title}</h4>
      {meeting.participants.trim() !== '' ? (
        <p>
          <span className="meeting-label">{t('process.meetings.participants')}:</span> {meeting.participants}
        </p>
      ) : null}
      <p id={`${id}-outcomes`} className="meeting-label">
        {t('process.meetings.outcomes')}
      </p>
      <RichTextEditor
        fragment={room.doc.getXmlFragment(meeting.fragment)}
        provider={room.provider}
        user={caretUser}
        editable={writable}
        labelledBy={`${id}-outcomes`}
        label={`${t('process.meetings.outcomes')} – ${title}`}
        testId="meeting.outcomes"
      />
      {caseId !== null ? (
        <p>
          <a href={meetingIcsUrl(caseId, meeting.id)} download data-testid="meeting.ics">
            {t('meetingIcs.download')}
          </a>
        </p>
      ) : null}
      {writable ? (
        <RemoveEntryButton label={t('process.meetings.remove', { title })} onRemove={() => onRemove(title)} testId="meeting.remove" />
      ) : null}
    </li>
  )
}

/** "Gespräche": add evaluation meetings and record their outcomes. */
export function MeetingsPanel({ room, meetings, writable, caretUser, people = [] }: MeetingsPanelProps) {
  const { t } = useTranslation()
  const id = useId()
  const [kind, setKind] = useState<MeetingKind>('midterm')
  const [date, setDate] = useState(localToday())
  const [participants, setParticipants] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const removal = useRemovalUndo(room.doc, 'notes', 'meetings.removal')
  const removeOne = (meeting: Meeting, title: string): void =>
    removal.remove(t('undo.meetingRemoved', { title }), () => {
      // The outcomes are emptied with the meeting: bring them back with it.
      docUndo(room.doc, 'notes').manager.addToScope(room.doc.getXmlFragment(meeting.fragment))
      removeMeeting(room.doc, meeting.id)
    })

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setAdded(null)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setError(t('process.meetings.dateRequired'))
      return
    }
    if (participants.length > 2_000) {
      setError(t('process.meetings.tooLong'))
      return
    }
    setError(null)
    const meetingId = newId()
    localEdit(room.doc, 'notes', () =>
      addMeeting(room.doc, { id: meetingId, kind, date, participants: participants.trim(), fragment: meetingFragmentName(meetingId) }),
    )
    setParticipants('')
    setAdded(t('process.meetings.added', { kind: t(`process.meetingKind.${kind}`) }))
  }

  const sorted = sortMeetingsByDate(meetings)
  return (
    <UndoScope doc={room.doc} kind="notes">
      <div className="meetings" data-testid="meetings.panel">
        <p className="meta">{t('process.meetings.intro')}</p>
        {writable ? (
          <form className="card meeting-form" onSubmit={submit} aria-labelledby={`${id}-add`} noValidate>
            <h3 id={`${id}-add`}>{t('process.meetings.addHeading')}</h3>
            <div className="grid">
              <div className="field">
                <label htmlFor={`${id}-kind`}>{t('process.meetings.kind')}</label>
                <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as MeetingKind)} data-testid="meeting.add-kind">
                  {MeetingKinds.map((entry) => (
                    <option key={entry} value={entry}>
                      {t(`process.meetingKind.${entry}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-date`}>{t('process.meetings.date')}</label>
                <input
                  id={`${id}-date`}
                  type="date"
                  required
                  value={date}
                  aria-invalid={error !== null && date === '' ? 'true' : undefined}
                  onChange={(event) => setDate(event.target.value)}
                  data-testid="meeting.add-date"
                />
              </div>
              <div className="field field-wide">
                <label htmlFor={`${id}-participants`}>{t('process.meetings.participants')}</label>
                <textarea
                  id={`${id}-participants`}
                  rows={2}
                  maxLength={Limits.maxShortTextLength}
                  value={participants}
                  aria-describedby={`${id}-participants-help`}
                  onChange={(event) => setParticipants(event.target.value)}
                  data-testid="meeting.add-participants"
                />
                <small id={`${id}-participants-help`} className="meta">
                  {t('process.meetings.participantsHelp')}
                </small>
                {people.length > 0 ? (
                  <fieldset className="meeting-people" data-testid="meeting.people">
                    <legend>{t('process.meetings.pickPeople')}</legend>
                    {people.map((person) => {
                      const chosen = participants.split(',').map((part) => part.trim()).includes(person)
                      return (
                        <label key={person} className="checkbox">
                          <input
                            type="checkbox"
                            checked={chosen}
                            onChange={() =>
                              setParticipants(
                                chosen
                                  ? participants
                                      .split(',')
                                      .map((part) => part.trim())
                                      .filter((part) => part !== '' && part !== person)
                                      .join(', ')
                                  : [participants.trim(), person].filter((part) => part !== '').join(', '),
                              )
                            }
                          />{' '}
                          {person}
                        </label>
                      )
                    })}
                  </fieldset>
                ) : null}
              </div>
            </div>
            {error ? (
              <p role="alert" className="alert" data-testid="meeting.add-error">
                {error}
              </p>
            ) : null}
            <button type="submit" className="primary" data-testid="meeting.add-submit">
              {t('process.meetings.addSubmit')}
            </button>
            <p role="status" className="meta">
              {added ?? ''}
            </p>
          </form>
        ) : null}
        <EntryListSection
          heading={t('process.meetings.listHeading')}
          notice={removal.notice}
          empty={sorted.length === 0}
          emptyText={t('process.meetings.none')}
          emptyTestId="meetings.empty"
        >
          <ul className="meeting-list">
            {sorted.map((meeting) => (
              <MeetingItem
                key={meeting.id}
                meeting={meeting}
                room={room}
                writable={writable}
                caretUser={caretUser}
                onRemove={(title) => removeOne(meeting, title)}
              />
            ))}
          </ul>
        </EntryListSection>
      </div>
    </UndoScope>
  )
}
