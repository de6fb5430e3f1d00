import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addGoal,
  emptyGoal,
  Phases,
  planApproach,
  planGoals,
  planMeta,
  readPlan,
  setPlanMetaField,
  type Phase,
} from '../../../../shared/src/caseDocument/plan.js'
import type { Notes } from '../../../../shared/src/caseDocument/notes.js'
import { Limits } from '../../../../shared/src/limits.js'
import { CommittedInput } from '../../components/CommittedInput.js'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import { useYVersion } from '../../hooks/useYVersion.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { newId } from '../newId.js'
import { DocProblem } from './DocProblem.js'
import { GoalEditor } from './GoalEditor.js'

export interface PlanEditorProps {
  room: CaseRoom
  localLoaded: boolean
  caretUser: { name: string; color: string }
  /** Whether the caller may edit now (follows access changes in place). */
  writable: boolean
  /** Coaches: SMART warnings per goal and each goal's status over time from these notes (null: not readable). */
  coachNotes?: Notes | null | undefined
}

/** The measure plan (Maßnahmeplanung): scalars, SMART goals, approach. */
export function PlanEditor({ room, localLoaded, caretUser, writable, coachNotes }: PlanEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const { doc, provider } = room
  const meta = useMemo(() => planMeta(doc), [doc])
  const goals = useMemo(() => planGoals(doc), [doc])
  const version = useYVersion(meta, goals)
  const result = useMemo(() => {
    void version
    return readPlan(doc)
  }, [doc, version])

  if (!result.ok) {
    if (result.reason === 'empty' && !localLoaded) {
      return <p role="status">{t('app.loading')}</p>
    }
    return <DocProblem reason={result.reason} issues={result.issues} testId="plan.problem" room={room} />
  }
  const plan = result.value
  const m = plan.meta
  const disabled = !writable

  return (
    <div className="plan" data-testid="plan.editor" data-writable={writable ? 'true' : 'false'}>
      <div className="grid">
        <div className="field field-wide">
          <label htmlFor={`${id}-title`}>{t('plan.title')}</label>
          <CommittedInput
            id={`${id}-title`}
            value={m.title}
            maxLength={Limits.maxTitleLength}
            disabled={disabled}
            onCommit={(value) => setPlanMetaField(doc, 'title', value)}
            data-testid="plan.title"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('plan.startDate')}</label>
          <input
            id={`${id}-start`}
            type="date"
            value={m.startDate ?? ''}
            disabled={disabled}
            onChange={(event) => setPlanMetaField(doc, 'startDate', event.target.value || undefined)}
            data-testid="plan.start-date"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('plan.expectedEndDate')}</label>
          <input
            id={`${id}-end`}
            type="date"
            value={m.expectedEndDate ?? ''}
            disabled={disabled}
            onChange={(event) => setPlanMetaField(doc, 'expectedEndDate', event.target.value || undefined)}
            data-testid="plan.expected-end-date"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>{t('plan.hoursBudget')}</label>
          <CommittedInput
            id={`${id}-hours`}
            type="number"
            inputMode="decimal"
            min={0}
            max={Limits.maxHoursBudget}
            step="0.5"
            value={m.hoursBudget === undefined ? '' : String(m.hoursBudget)}
            disabled={disabled}
            onCommit={(value) => {
              if (value.trim() === '') {
                setPlanMetaField(doc, 'hoursBudget', undefined)
                return
              }
              const hours = Number(value)
              if (Number.isFinite(hours) && hours >= 0 && hours <= Limits.maxHoursBudget) {
                setPlanMetaField(doc, 'hoursBudget', hours)
              }
            }}
            data-testid="plan.hours-budget"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-phase`}>{t('plan.currentPhase')}</label>
          <select
            id={`${id}-phase`}
            value={m.currentPhase}
            disabled={disabled}
            onChange={(event) => setPlanMetaField(doc, 'currentPhase', event.target.value as Phase)}
            data-testid="plan.current-phase"
          >
            {Phases.map((phase) => (
              <option key={phase} value={phase}>
                {t(`phases.${phase}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-employer`}>{t('plan.employerName')}</label>
          <CommittedInput
            id={`${id}-employer`}
            value={m.employerName ?? ''}
            maxLength={Limits.maxShortTextLength}
            disabled={disabled}
            onCommit={(value) => setPlanMetaField(doc, 'employerName', value || undefined)}
            data-testid="plan.employer-name"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-workplace`}>{t('plan.workplace')}</label>
          <CommittedInput
            id={`${id}-workplace`}
            value={m.workplace ?? ''}
            maxLength={Limits.maxShortTextLength}
            disabled={disabled}
            onCommit={(value) => setPlanMetaField(doc, 'workplace', value || undefined)}
            data-testid="plan.workplace"
          />
        </div>
      </div>

      <section aria-labelledby={`${id}-goals`}>
        <h3 id={`${id}-goals`}>{t('plan.goalsHeading')}</h3>
        {plan.goals.length === 0 ? <p data-testid="plan.no-goals">{t('plan.noGoals')}</p> : null}
        {plan.goals.map((goal, index) => (
          <GoalEditor
            key={goal.id}
            doc={doc}
            goal={goal}
            number={index + 1}
            writable={writable}
            coachAids={coachNotes === undefined ? undefined : { meta: m, notes: coachNotes }}
          />
        ))}
        {writable && plan.goals.length < Limits.maxGoals ? (
          <button type="button" onClick={() => addGoal(doc, emptyGoal(newId()))} data-testid="plan.add-goal">
            {t('plan.addGoal')}
          </button>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-approach`}>
        <h3 id={`${id}-approach`}>{t('plan.approach')}</h3>
        <RichTextEditor
          fragment={planApproach(doc)}
          provider={provider}
          user={caretUser}
          editable={writable}
          labelledBy={`${id}-approach`}
          label={t('plan.approach')}
          testId="plan.approach"
        />
      </section>
    </div>
  )
}
