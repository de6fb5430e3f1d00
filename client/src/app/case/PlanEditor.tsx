import { useCallback, useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addGoal,
  emptyGoal,
  findGoalMap,
  isHoursBudgetDerived,
  planApproach,
  planGoals,
  planMeta,
  readPlan,
  removeGoal,
  setPlanMetaField,
  type EditablePlanMetaKey,
  type PlanMeta,
} from '../../../../shared/src/caseDocument/plan.js'
import type { Notes } from '../../../../shared/src/caseDocument/notes.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { mayEditPlanMeta } from '../../../../shared/src/policy/documentEdits.js'
import { Limits } from '../../../../shared/src/limits.js'
import { NumberField } from '../../components/NumberField.js'
import { FieldPresenceContext } from '../../editor/fieldPresence.js'
import { useRemovalUndo } from '../../editor/RemovalNotice.js'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import { UndoScope } from '../../editor/UndoScope.js'
import { YTextField } from '../../editor/YTextField.js'
import { useYVersion } from '../../hooks/useYVersion.js'
import { localEdit } from '../../sync/docUndo.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { formatDate, formatHours } from '../format.js'
import { newId } from '../newId.js'
import { DocProblem } from './DocProblem.js'
import { GoalEditor } from './GoalEditor.js'
import { PlanDocument } from './PlanDocument.js'

export interface PlanEditorProps {
  room: CaseRoom
  localLoaded: boolean
  caretUser: { name: string; color: string }
  /** Whether the caller may edit now (follows access changes in place). */
  writable: boolean
  /** The caller's role: an employer co-editing sees title, dates, hours budget and phase as text (contract §8.2). */
  role: CaseRole
  /** Coaches: SMART warnings per goal and each goal's status over time from these notes (null: not readable). */
  coachNotes?: Notes | null | undefined
}

function parseHours(raw: string): number | undefined | null {
  if (raw.trim() === '') {
    return undefined
  }
  const hours = Number(raw)
  return Number.isFinite(hours) && hours >= 0 && hours <= Limits.maxHoursBudget ? hours : null
}

/**
 * The measure plan (Maßnahmeplanung): scalars, SMART goals, approach. Those
 * who may write get the form; everyone else the plan as a document.
 */
export function PlanEditor({ room, localLoaded, caretUser, writable, role, coachNotes }: PlanEditorProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const { doc, provider } = room
  const meta = useMemo(() => planMeta(doc), [doc])
  const goals = useMemo(() => planGoals(doc), [doc])
  const version = useYVersion(meta, goals)
  const result = useMemo(() => {
    void version
    return readPlan(doc)
  }, [doc, version])
  const removal = useRemovalUndo(doc, 'plan', 'plan.removal')
  const focusGoal = useCallback((goalId: string) => () => document.getElementById(`goal-${goalId}`)?.focus(), [])

  if (!result.ok) {
    if (result.reason === 'empty' && !localLoaded) {
      return <p role="status">{t('app.loading')}</p>
    }
    return <DocProblem reason={result.reason} issues={result.issues} testId="plan.problem" room={room} />
  }
  const plan = result.value
  if (!writable) {
    return (
      <div className="plan" data-testid="plan.editor" data-writable="false">
        <PlanDocument doc={doc} provider={provider} plan={plan} caretUser={caretUser} />
      </div>
    )
  }
  const m = plan.meta
  const may = (key: EditablePlanMetaKey): boolean => mayEditPlanMeta(role, key)
  // Issue 18: once approvals exist the budget is theirs (the server writes it; the relay refuses a typed one).
  const budgetEditable = may('hoursBudget') && !isHoursBudgetDerived(m)
  const set = <K extends EditablePlanMetaKey>(key: K, value: PlanMeta[K]): void => localEdit(doc, 'plan', () => setPlanMetaField(doc, key, value))
  const fixed = (key: EditablePlanMetaKey, text: string) => (
    <p className="fixed-value" data-testid={`plan.fixed.${key}`}>
      {text === '' ? t('planDoc.notSet') : text}
    </p>
  )
  const label = (key: EditablePlanMetaKey, text: string) =>
    may(key) ? <label htmlFor={`${id}-${key}`}>{text}</label> : <span id={`${id}-${key}-label`} className="label">{text}</span>

  return (
    <FieldPresenceContext.Provider value={provider.awareness}>
      <UndoScope doc={doc} kind="plan">
        <div className="plan" data-testid="plan.editor" data-writable="true">
          <div className="grid">
            <div className="field field-wide">
              {label('title', t('plan.title'))}
              {may('title') ? (
                <YTextField doc={doc} map={meta} field="title" kind="plan" fieldId="meta:title" editable id={`${id}-title`} maxLength={Limits.maxTitleLength} data-testid="plan.title" />
              ) : (
                fixed('title', m.title)
              )}
            </div>
            <div className="field">
              {label('startDate', t('plan.startDate'))}
              {may('startDate') ? (
                <input id={`${id}-startDate`} type="date" value={m.startDate ?? ''} onChange={(event) => set('startDate', event.target.value || undefined)} data-testid="plan.start-date" />
              ) : (
                fixed('startDate', m.startDate ? formatDate(m.startDate, i18n.language) : '')
              )}
            </div>
            <div className="field">
              {label('expectedEndDate', t('plan.expectedEndDate'))}
              {may('expectedEndDate') ? (
                <input
                  id={`${id}-expectedEndDate`}
                  type="date"
                  value={m.expectedEndDate ?? ''}
                  onChange={(event) => set('expectedEndDate', event.target.value || undefined)}
                  data-testid="plan.expected-end-date"
                />
              ) : (
                fixed('expectedEndDate', m.expectedEndDate ? formatDate(m.expectedEndDate, i18n.language) : '')
              )}
            </div>
            <div className="field">
              {budgetEditable ? <label htmlFor={`${id}-hoursBudget`}>{t('plan.hoursBudget')}</label> : <span id={`${id}-hoursBudget-label`} className="label">{t('plan.hoursBudget')}</span>}
              {budgetEditable ? (
                <NumberField
                  id={`${id}-hoursBudget`}
                  inputMode="decimal"
                  min={0}
                  max={Limits.maxHoursBudget}
                  step="0.5"
                  value={m.hoursBudget}
                  parse={parseHours}
                  onValueChange={(hours) => set('hoursBudget', hours)}
                  data-testid="plan.hours-budget"
                />
              ) : (
                fixed('hoursBudget', m.hoursBudget === undefined ? '' : formatHours(m.hoursBudget, i18n.language))
              )}
              {isHoursBudgetDerived(m) ? (
                <small className="meta" data-testid="plan.hours-budget-derived">
                  {t('plan.hoursBudgetDerived')}
                </small>
              ) : null}
            </div>
            <div className="field">
              {/* Phases move only through the Verlauf: closing one after the per-goal review, or going back with a reason. */}
              <span id={`${id}-currentPhase-label`} className="label">
                {t('plan.currentPhase')}
              </span>
              <p className="fixed-value" data-testid="plan.fixed.currentPhase">
                {t(`phases.${m.currentPhase}`)}
              </p>
              <small className="meta">{t('plan.currentPhaseHint')}</small>
            </div>
            <div className="field">
              <label htmlFor={`${id}-employer`}>{t('plan.employerName')}</label>
              <YTextField doc={doc} map={meta} field="employerName" kind="plan" fieldId="meta:employerName" editable id={`${id}-employer`} maxLength={Limits.maxShortTextLength} data-testid="plan.employer-name" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-workplace`}>{t('plan.workplace')}</label>
              <YTextField doc={doc} map={meta} field="workplace" kind="plan" fieldId="meta:workplace" editable id={`${id}-workplace`} maxLength={Limits.maxShortTextLength} data-testid="plan.workplace" />
            </div>
          </div>

          <section aria-labelledby={`${id}-goals`}>
            <h3 id={`${id}-goals`}>{t('plan.goalsHeading')}</h3>
            {plan.goals.length === 0 ? <p data-testid="plan.no-goals">{t('plan.noGoals')}</p> : null}
            {plan.goals.map((goal, index) => {
              const goalMap = findGoalMap(doc, goal.id)
              return goalMap ? (
                <GoalEditor
                  key={goal.id}
                  doc={doc}
                  goalMap={goalMap}
                  goal={goal}
                  number={index + 1}
                  onRemove={() =>
                    removal.remove(
                      t('undo.goalRemoved', { number: index + 1, title: goal.title.trim() === '' ? t('undo.untitled') : goal.title }),
                      () => removeGoal(doc, goal.id),
                      focusGoal(goal.id),
                    )
                  }
                  coachAids={coachNotes === undefined ? undefined : { meta: m, notes: coachNotes }}
                />
              ) : null
            })}
            {removal.notice}
            {plan.goals.length < Limits.maxGoals ? (
              <button type="button" onClick={() => localEdit(doc, 'plan', () => addGoal(doc, emptyGoal(newId())))} data-testid="plan.add-goal">
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
              editable
              labelledBy={`${id}-approach`}
              label={t('plan.approach')}
              testId="plan.approach"
            />
          </section>
        </div>
      </UndoScope>
    </FieldPresenceContext.Provider>
  )
}
