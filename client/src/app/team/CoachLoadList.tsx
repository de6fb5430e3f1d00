/** Every coach's caseload against the Personalschlüssel (Richtwert 1:5 / 1:6, at their Stellenanteil). */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { TeamCoach } from '../../../../shared/src/api/team.js'
import { localeOf } from '../format.js'

export function CoachLoadList({ coaches, tandemShare }: { coaches: readonly TeamCoach[]; tandemShare: number }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const number = new Intl.NumberFormat(localeOf(i18n.language), { maximumFractionDigits: 1 })
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t('team.load.heading')}</h2>
      <p className="meta">{t('team.load.intro', { share: number.format(tandemShare) })}</p>
      <ul className="plain-list team-coaches" data-testid="team.coaches">
        {coaches.map((coach) => (
          <li key={coach.userId} data-testid="team.coach" data-user-id={coach.userId} data-over={coach.over ? 'true' : 'false'}>
            <strong>{coach.name}</strong>
            <span className="meta"> {t('team.load.share', { percent: coach.staffSharePercent })}</span>
            <br />
            <span>
              {t('team.load.cases', { placement: number.format(coach.placement), retention: number.format(coach.retention) })}
              {' · '}
              <span className={coach.over ? 'badge badge-off' : 'badge badge-ok'} data-testid="team.coach-load">
                {t(coach.over ? 'team.load.over' : 'team.load.within', { percent: Math.round(coach.load * 100) })}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
