/** The overview's filters and search; each change filters at once (the count is announced politely). */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CaseType } from '../../../../shared/src/api/cases.js'
import type { TeamCoach } from '../../../../shared/src/api/team.js'
import { Phases } from '../../../../shared/src/caseDocument/plan.js'
import type { DueFilter, TeamFilter } from '../../../../shared/src/process/teamFilters.js'

const dueChoices: Record<string, DueFilter> = { any: { kind: 'any' }, overdue: { kind: 'overdue' }, within14: { kind: 'within', days: 14 } }

function dueKey(due: DueFilter | undefined): string {
  return due === undefined || due.kind === 'any' ? 'any' : due.kind === 'overdue' ? 'overdue' : 'within14'
}

export function TeamFilterForm({ filter, coaches, onChange }: { filter: TeamFilter; coaches: readonly TeamCoach[]; onChange: (filter: TeamFilter) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const set = (change: Partial<TeamFilter>): void => onChange({ ...filter, ...change })
  const optional = <T extends string>(value: string): T | undefined => (value === '' ? undefined : (value as T))
  return (
    <form className="team-filters" role="search" aria-label={t('team.filter.label')} onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor={`${id}-search`}>{t('team.filter.search')}</label>
        <input id={`${id}-search`} type="search" value={filter.search ?? ''} onChange={(event) => set({ search: event.target.value })} data-testid="team.filter-search" />
      </div>
      <div>
        <label htmlFor={`${id}-coach`}>{t('team.filter.coach')}</label>
        <select id={`${id}-coach`} value={filter.coachId ?? ''} onChange={(event) => set({ coachId: optional(event.target.value) })} data-testid="team.filter-coach">
          <option value="">{t('team.filter.all')}</option>
          {coaches.map((coach) => (
            <option key={coach.userId} value={coach.userId}>
              {coach.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-phase`}>{t('team.filter.phase')}</label>
        <select id={`${id}-phase`} value={filter.phase ?? ''} onChange={(event) => set({ phase: optional(event.target.value) })} data-testid="team.filter-phase">
          <option value="">{t('team.filter.all')}</option>
          {Phases.map((phase) => (
            <option key={phase} value={phase}>
              {t(`phases.${phase}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-type`}>{t('team.filter.type')}</label>
        <select id={`${id}-type`} value={filter.type ?? ''} onChange={(event) => set({ type: optional(event.target.value) })} data-testid="team.filter-type">
          <option value="">{t('team.filter.all')}</option>
          {CaseType.options.map((type) => (
            <option key={type} value={type}>
              {t(`cases.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-due`}>{t('team.filter.due')}</label>
        <select id={`${id}-due`} value={dueKey(filter.due)} onChange={(event) => set({ due: dueChoices[event.target.value] })} data-testid="team.filter-due">
          {Object.keys(dueChoices).map((key) => (
            <option key={key} value={key}>
              {t(`team.filter.dueChoice.${key}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-status`}>{t('team.filter.status')}</label>
        <select id={`${id}-status`} value={filter.status ?? 'open'} onChange={(event) => set({ status: event.target.value as TeamFilter['status'] })} data-testid="team.filter-status">
          {(['open', 'closed', 'all'] as const).map((status) => (
            <option key={status} value={status}>
              {t(`team.filter.statusChoice.${status}`)}
            </option>
          ))}
        </select>
      </div>
    </form>
  )
}
