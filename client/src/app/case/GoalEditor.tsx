import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { GoalStatuses, removeGoal, setGoalField, type Goal, type GoalStatus } from '../../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../../shared/src/limits.js'
import { CommittedInput } from '../../components/CommittedInput.js'

type GoalTextKey = 'title' | 'specific' | 'measurable' | 'achievable' | 'relevant' | 'responsible'
const textFields: readonly GoalTextKey[] = ['title', 'specific', 'measurable', 'achievable', 'relevant', 'responsible']

/** One SMART goal as a fieldset. */
export function GoalEditor({ doc, goal, number, writable }: { doc: Y.Doc; goal: Goal; number: number; writable: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="goal" data-testid="goal.item" data-goal-id={goal.id}>
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
              data-testid={`goal.${key}`}
            />
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
            data-testid="goal.time-bound"
          />
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
      {writable ? (
        <button type="button" className="danger" onClick={() => removeGoal(doc, goal.id)} data-testid="goal.remove">
          {t('goal.remove', { number })}
        </button>
      ) : null}
    </fieldset>
  )
}
