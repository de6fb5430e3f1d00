import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { GoalStatuses, removeGoal, setGoalField, type Goal, type GoalStatus } from '../../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../../shared/src/limits.js'
import type { Notes } from '../../../../shared/src/caseDocument/notes.js'
import type { PlanMeta } from '../../../../shared/src/caseDocument/plan.js'
import { CommittedInput } from '../../components/CommittedInput.js'
import { GoalTimeline, GoalWarnings, isSmartHintKey, SmartHint } from './process/GoalAids.js'

type GoalTextKey = 'title' | 'specific' | 'measurable' | 'achievable' | 'relevant' | 'responsible'
const textFields: readonly GoalTextKey[] = ['title', 'specific', 'measurable', 'achievable', 'relevant', 'responsible']

/** For coaches: SMART warnings and the goal's status over time (from the phase reviews). */
export interface GoalCoachAids {
  meta: Pick<PlanMeta, 'expectedEndDate'>
  /** The read notes, or null while they are not readable. */
  notes: Notes | null
}

/** One SMART goal as a fieldset. */
export function GoalEditor({
  doc,
  goal,
  number,
  writable,
  coachAids,
}: {
  doc: Y.Doc
  goal: Goal
  number: number
  writable: boolean
  coachAids?: GoalCoachAids | undefined
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="goal" data-testid="goal.item" data-goal-id={goal.id} id={`goal-${goal.id}`} tabIndex={-1}>
      <legend>{t('goal.heading', { number })}</legend>
      <div className="grid">
        {textFields.map((key) => (
          <div key={key} className={`field field-${key}`}>
            <label htmlFor={`${id}-${key}`}>{t(`goal.${key}`)}</label>
            <CommittedInput
              id={`${id}-${key}`}
              value={goal[key]}
              maxLength={Limits.maxShortTextLength}
              disabled={!writable}
              onCommit={(value) => setGoalField(doc, goal.id, key, value)}
              aria-describedby={writable && isSmartHintKey(key) ? `${id}-${key}-hint` : undefined}
              data-testid={`goal.${key}`}
            />
            {writable && isSmartHintKey(key) ? <SmartHint id={`${id}-${key}-hint`} field={key} /> : null}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-timeBound`}>{t('goal.timeBound')}</label>
          <input
            id={`${id}-timeBound`}
            type="date"
            value={goal.timeBound ?? ''}
            disabled={!writable}
            onChange={(event) => setGoalField(doc, goal.id, 'timeBound', event.target.value || undefined)}
            aria-describedby={writable ? `${id}-timeBound-hint` : undefined}
            data-testid="goal.time-bound"
          />
          {writable ? <SmartHint id={`${id}-timeBound-hint`} field="timeBound" /> : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('goal.status')}</label>
          <select
            id={`${id}-status`}
            value={goal.status}
            disabled={!writable}
            onChange={(event) => setGoalField(doc, goal.id, 'status', event.target.value as GoalStatus)}
            data-testid="goal.status"
          >
            {GoalStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`goal.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {coachAids ? <GoalWarnings goal={goal} meta={coachAids.meta} /> : null}
      {coachAids?.notes ? <GoalTimeline goalId={goal.id} notes={coachAids.notes} headingId={`${id}-timeline`} /> : null}
      {writable ? (
        <button type="button" className="danger" onClick={() => removeGoal(doc, goal.id)} data-testid="goal.remove">
          {t('goal.remove', { number })}
        </button>
      ) : null}
    </fieldset>
  )
}
