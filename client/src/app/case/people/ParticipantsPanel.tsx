import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { ParticipantRoles, type ParticipantRole } from '../../../../../shared/src/caseDocument/participantRoles.js'
import { addParticipant, removeParticipant, type Participant } from '../../../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../../../shared/src/limits.js'
import type { CaseRoom } from '../../../sync/CaseRoom.js'
import { localEdit } from '../../../sync/docUndo.js'
import { newId } from '../../newId.js'

export interface ParticipantsPanelProps {
  detail: CaseDetail
  /** The plan room (participants live in the plan, schema v3); null while it is not open. */
  room: CaseRoom | null
  participants: readonly Participant[]
  writable: boolean
}

/** Roles an outside person can have (a member's role comes from the membership). */
const outsideRoles = ParticipantRoles.filter((role) => role !== 'member')

/**
 * The people around the case (issue 16): members of the case picked from
 * the members, and named people outside Fallbuch with a role (SBV,
 * Betriebsrat, colleague or mentor, funding body, IFD, legal guardian) and
 * a function. Meetings pick their participants from this list.
 */
export function ParticipantsPanel({ detail, room, participants, writable }: ParticipantsPanelProps) {
  const { t } = useTranslation()
  const id = useId()
  const [memberId, setMemberId] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<ParticipantRole>('sbv')
  const [fn, setFn] = useState('')
  const [organisation, setOrganisation] = useState('')
  const [error, setError] = useState<string | null>(null)
  const listed = new Set(participants.flatMap((participant) => (participant.memberId !== undefined ? [participant.memberId] : [])))
  const members = detail.members.filter((member) => !listed.has(member.id))

  const add = (participant: Participant): void => {
    if (room !== null) {
      localEdit(room.doc, 'plan', () => addParticipant(room.doc, participant))
    }
  }

  const handleAddMember = (event: FormEvent): void => {
    event.preventDefault()
    const member = detail.members.find((candidate) => candidate.id === memberId)
    if (member !== undefined) {
      add({ id: newId(), memberId: member.id, name: member.name, role: 'member', function: t(`roles.${member.role}`), organisation: '' })
      setMemberId('')
    }
  }

  const handleAddOutside = (event: FormEvent): void => {
    event.preventDefault()
    if (name.trim() === '') {
      setError(t('participants.nameMissing'))
      return
    }
    setError(null)
    add({ id: newId(), name: name.trim(), role, function: fn.trim(), organisation: organisation.trim() })
    setName('')
    setFn('')
    setOrganisation('')
  }

  return (
    <section aria-labelledby={`${id}-h`} className="participants" data-testid="participants.panel">
      <h3 id={`${id}-h`}>{t('participants.heading')}</h3>
      <p className="meta">{t('participants.intro')}</p>
      {participants.length === 0 ? (
        <p className="meta">{t('participants.none')}</p>
      ) : (
        <ul data-testid="participants.list">
          {participants.map((participant) => (
            <li key={participant.id} data-testid="participants.item">
              <strong>{participant.name}</strong> — {t(`participants.role.${participant.role}`)}
              {participant.function !== undefined && participant.function !== '' ? `, ${participant.function}` : ''}
              {participant.organisation !== '' ? ` (${participant.organisation})` : ''}{' '}
              {writable && room !== null ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => localEdit(room.doc, 'plan', () => removeParticipant(room.doc, participant.id))}
                  data-testid="participants.remove"
                >
                  {t('participants.remove', { name: participant.name })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {writable && room !== null ? (
        <>
          {members.length > 0 ? (
            <form className="form" onSubmit={handleAddMember} data-testid="participants.fromMembers">
              <label htmlFor={`${id}-member`}>{t('participants.fromMembers')}</label>
              <select id={`${id}-member`} value={memberId} onChange={(event) => setMemberId(event.target.value)} data-testid="participants.member">
                <option value="">{t('participants.pickMember')}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name} ({t(`roles.${member.role}`)})
                  </option>
                ))}
              </select>
              <button type="submit" disabled={memberId === ''} data-testid="participants.addMember">
                {t('participants.addMember')}
              </button>
            </form>
          ) : null}
          <form className="form" onSubmit={handleAddOutside} aria-labelledby={`${id}-outside`} data-testid="participants.outside">
            <h4 id={`${id}-outside`}>{t('participants.outsideHeading')}</h4>
            <label htmlFor={`${id}-name`}>{t('participants.name')}</label>
            <input id={`${id}-name`} value={name} maxLength={Limits.maxNameLength} onChange={(event) => setName(event.target.value)} data-testid="participants.name" />
            <label htmlFor={`${id}-role`}>{t('participants.roleLabel')}</label>
            <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as ParticipantRole)} data-testid="participants.role">
              {outsideRoles.map((value) => (
                <option key={value} value={value}>
                  {t(`participants.role.${value}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-function`}>{t('participants.function')}</label>
            <input id={`${id}-function`} value={fn} maxLength={Limits.maxShortTextLength} onChange={(event) => setFn(event.target.value)} data-testid="participants.function" />
            <label htmlFor={`${id}-org`}>{t('participants.organisation')}</label>
            <input id={`${id}-org`} value={organisation} maxLength={Limits.maxShortTextLength} onChange={(event) => setOrganisation(event.target.value)} data-testid="participants.organisation" />
            {error !== null ? (
              <p className="error" role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit" data-testid="participants.addOutside">
              {t('participants.addOutside')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  )
}
