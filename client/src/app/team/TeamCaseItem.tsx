/** One case of the team: type, phase, coaches, due items; hand over / substitute, take a coach off. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TeamCase } from '../../../../shared/src/api/team.js'
import type { User } from '../../../../shared/src/api/users.js'
import { teamApi } from '../../api/teamEndpoints.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { dueText } from './dueText.js'
import { ReassignForm } from './ReassignForm.js'

export function TeamCaseItem({ item, staff, onChanged }: { item: TeamCase; staff: readonly User[]; onChanged: (notice: string) => void }) {
  const { t, i18n } = useTranslation()
  const me = useUser()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // A lead opens a case only as one of its coaches (the server refuses everyone else anyway).
  const mine = item.coaches.some((coach) => coach.userId === me.id)

  const takeOff = async (userId: string, name: string): Promise<void> => {
    if (!window.confirm(t('team.assign.confirmTakeOff', { name, title: item.title }))) {
      return
    }
    try {
      await teamApi.unassignCoach(item.caseId, userId)
      onChanged(t('team.assign.takenOff', { name }))
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <li className="card team-case" data-testid="team.case" data-case-id={item.caseId}>
      <h3>{mine ? <Link to={`/cases/${item.caseId}`}>{item.title}</Link> : item.title}</h3>
      <p className="meta">
        {t(`cases.type.${item.type}`)}
        {item.phase ? ` · ${t(`phases.${item.phase}`)}` : ''}
        {item.closed ? ` · ${t('team.closed')}` : ''}
      </p>
      <p data-testid="team.case-coaches">
        {t('team.coaches')}: {item.coaches.map((coach) => coach.name).join(', ') || t('team.noCoach')}
      </p>
      {item.due.length > 0 ? (
        <ul className="team-due" aria-label={t('team.dueLabel')}>
          {item.due.map((entry, index) => (
            <li key={index} className={entry.overdue ? 'overdue' : undefined} data-testid="team.case-due">
              {dueText(t, entry, i18n.language)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="meta">{t('team.nothingDue')}</p>
      )}
      {!item.closed ? (
        <div className="actions">
          <button type="button" className="small" aria-expanded={open} onClick={() => setOpen((value) => !value)} data-testid="team.case-assign">
            {t('team.assign.open', { title: item.title })}
          </button>
          {item.coaches.length > 1
            ? item.coaches.map((coach) => (
                <button key={coach.userId} type="button" className="small" onClick={() => void takeOff(coach.userId, coach.name)} data-testid="team.case-take-off">
                  {t('team.assign.takeOff', { name: coach.name })}
                </button>
              ))
            : null}
        </div>
      ) : null}
      {open ? (
        <ReassignForm
          item={item}
          staff={staff}
          onCancel={() => setOpen(false)}
          onDone={(notice) => {
            setOpen(false)
            onChanged(notice)
          }}
        />
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </li>
  )
}
