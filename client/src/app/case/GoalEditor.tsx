import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { GoalSmartFieldOrder } from '../../../../shared/src/report/labels.js'
import { GoalStatuses, setGoalField, type Goal, type GoalStatus, type GoalTextKey } from '../../../../shared/src/caseDocument/plan.js'
import type { Notes } from '../../../../shared/src/caseDocument/notes.js'
import type { PlanMeta } from '../../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../../shared/src/limits.js'
import { YTextField } from '../../editor/YTextField.js'
import { localEdit } from '../../sync/docUndo.js'
import { GoalTimeline, GoalWarnings, isSmartHintKey, SmartHint } from './process/GoalAids.js'

/** Goal texts people write sentences in (growing textareas); the rest stay one line. */
/** Title first, then the SMART parts in the German order (see GoalSmartFieldOrder). */
const goalFieldOrder: readonly GoalTextKey[] = ['title', ...GoalSmartFieldOrder]
const sentenceKeys: ReadonlySet<GoalTextKey> = new Set(['specific', 'measurable', 'achievable', 'relevant'])

/** For coaches: SMART warnings and the goal's status over time (from the phase reviews). */
export interface GoalCoachAids {
  meta: Pick<PlanMeta, 'expectedEndDate'>
  /** The read notes, or null while they are not readable. */
  notes: Notes | null
}

export interface GoalEditorProps {
  doc: Y.Doc
  /** The goal's map in the document (its texts are bound character-wise). */
  goalMap: Y.Map<unknown>
  /** The goal as read (for the scalars, warnings and the timeline). */
  goal: Goal
  number: number
  /** Removes the goal (an undoable step with its "Rückgängig" notice). */
  onRemove: () => void
  coachAids?: GoalCoachAids | undefined
}

/** One SMART goal as an editable fieldset (read-only viewers get PlanDocument instead). */
export function GoalEditor({ doc, goalMap, goal, number, onRemove, coachAids }: GoalEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const setScalar = <K extends 'timeBound' | 'status'>(key: K, value: Goal[K]): void =>
    localEdit(doc, 'plan', () => setGoalField(doc, goal.id, key, value))
  return (
    <fieldset className="goal" data-testid="goal.item" data-goal-id={goal.id} id={`goal-${goal.id}`} tabIndex={-1}>
      <legend>{t('goal.heading', { number })}</legend>
      <div className="grid">
        {goalFieldOrder.map((key) => (
          <div key={key} className={`field field-${key}${sentenceKeys.has(key) ? ' field-sentence' : ''}`}>
            <label htmlFor={`${id}-${key}`}>{t(`goal.${key}`)}</label>
            <YTextField
              doc={doc}
              map={goalMap}
              field={key}
              kind="plan"
              fieldId={`goal:${goal.id}:${key}`}
              multiline={sentenceKeys.has(key)}
              singleLine={!sentenceKeys.has(key)}
              editable
              id={`${id}-${key}`}
              maxLength={Limits.maxShortTextLength}
              aria-describedby={isSmartHintKey(key) ? `${id}-${key}-hint` : undefined}
              data-testid={`goal.${key}`}
            />
            {isSmartHintKey(key) ? <SmartHint id={`${id}-${key}-hint`} field={key} /> : null}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-timeBound`}>{t('goal.timeBound')}</label>
          <input
            id={`${id}-timeBound`}
            type="date"
            value={goal.timeBound ?? ''}
            onChange={(event) => setScalar('timeBound', event.target.value || undefined)}
            aria-describedby={`${id}-timeBound-hint`}
            data-testid="goal.time-bound"
          />
          <SmartHint id={`${id}-timeBound-hint`} field="timeBound" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('goal.status')}</label>
          <select id={`${id}-status`} value={goal.status} onChange={(event) => setScalar('status', event.target.value as GoalStatus)} data-testid="goal.status">
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
      <button type="button" className="danger" onClick={onRemove} data-testid="goal.remove">
        {t('goal.remove', { number })}
      </button>
    </fieldset>
  )
}
