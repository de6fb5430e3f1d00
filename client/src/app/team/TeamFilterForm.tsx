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

interface Choice {
  value: string
  label: string
}

/** One labelled select of the filter row. */
function FilterSelect({ label, value, choices, testId, onChange }: { label: string; value: string; choices: readonly Choice[]; testId: string; onChange: (value: string) => void }) {
  const id = useId()
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function TeamFilterForm({
  filter,
  coaches,
  fundingBodies,
  onChange,
}: {
  filter: TeamFilter
  coaches: readonly TeamCoach[]
  /** The funding bodies the cases name (teamFilters' fundingBodiesOf). */
  fundingBodies: ReadonlyArray<{ id: string; name: string }>
  onChange: (filter: TeamFilter) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const set = (change: Partial<TeamFilter>): void => onChange({ ...filter, ...change })
  const optional = <T extends string>(value: string): T | undefined => (value === '' ? undefined : (value as T))
  const all: Choice = { value: '', label: t('team.filter.all') }
  return (
    <form className="team-filters" role="search" aria-label={t('team.filter.label')} onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor={`${id}-search`}>{t('team.filter.search')}</label>
        <input id={`${id}-search`} type="search" value={filter.search ?? ''} onChange={(event) => set({ search: event.target.value })} data-testid="team.filter-search" />
      </div>
      <FilterSelect
        label={t('team.filter.coach')}
        value={filter.coachId ?? ''}
        choices={[all, ...coaches.map((coach) => ({ value: coach.userId, label: coach.name }))]}
        testId="team.filter-coach"
        onChange={(value) => set({ coachId: optional(value) })}
      />
      <FilterSelect
        label={t('team.filter.phase')}
        value={filter.phase ?? ''}
        choices={[all, ...Phases.map((phase) => ({ value: phase, label: t(`phases.${phase}`) }))]}
        testId="team.filter-phase"
        onChange={(value) => set({ phase: optional(value) })}
      />
      <FilterSelect
        label={t('team.filter.type')}
        value={filter.type ?? ''}
        choices={[all, ...CaseType.options.map((type) => ({ value: type, label: t(`cases.type.${type}`) }))]}
        testId="team.filter-type"
        onChange={(value) => set({ type: optional(value) })}
      />
      <FilterSelect
        label={t('team.filter.fundingBody')}
        value={filter.fundingBodyId ?? ''}
        choices={[all, ...fundingBodies.map((body) => ({ value: body.id, label: body.name }))]}
        testId="team.filter-funding-body"
        onChange={(value) => set({ fundingBodyId: optional(value) })}
      />
      <FilterSelect
        label={t('team.filter.due')}
        value={dueKey(filter.due)}
        choices={Object.keys(dueChoices).map((key) => ({ value: key, label: t(`team.filter.dueChoice.${key}`) }))}
        testId="team.filter-due"
        onChange={(value) => set({ due: dueChoices[value] })}
      />
      <FilterSelect
        label={t('team.filter.status')}
        value={filter.status ?? 'open'}
        choices={(['open', 'closed', 'all'] as const).map((status) => ({ value: status, label: t(`team.filter.statusChoice.${status}`) }))}
        testId="team.filter-status"
        onChange={(value) => set({ status: value as TeamFilter['status'] })}
      />
    </form>
  )
}
