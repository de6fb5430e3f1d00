import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { CaseType, Member } from '../../../../../shared/src/api/cases.js'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import { Phases, type Phase, type Plan } from '../../../../../shared/src/caseDocument/plan.js'
import { advancePhase } from '../../../../../shared/src/process/closePhase.js'
import { closePhaseRequirements, goalsToReview, phaseIndex, reviewCompleteness, reviewOf, type CloseBlocker } from '../../../../../shared/src/process/phases.js'
import type { Awareness } from 'y-protocols/awareness'
import { FieldPresenceContext } from '../../../editor/fieldPresence.js'
import { UndoScope } from '../../../editor/UndoScope.js'
import { goalLabel } from './goalLabel.js'
import { OutcomeForm } from './OutcomeForm.js'
import { CoacheeGenderSelect } from './CoacheeGenderSelect.js'
import { PhaseReturns } from './PhaseReturns.js'
import { ReviewForm } from './ReviewForm.js'
import { FeasibilityCheckForm } from './FeasibilityCheckForm.js'

export interface ProcessPanelProps {
  planDoc: Y.Doc
  notesDoc: Y.Doc
  plan: Plan
  notes: Notes
  planWritable: boolean
  notesWritable: boolean
  caseType: CaseType
  /** Switches to the plan tab (to adjust goals after a phase review). */
  onAdjustGoals: () => void
  /** The notes room's awareness: who is typing in which review note. */
  notesAwareness?: Awareness | null
  /** The signed-in coach (recorded with a return to an earlier phase). */
  userId: string
  members: readonly Member[]
}

type PhaseState = 'done' | 'current' | 'upcoming'

/**
 * "Verlauf": the four phases, the review of every goal after each phase,
 * closing the current phase, going back one with a reason, the outcome in
 * the last one, and ending the case early (Abbruch) in any other.
 */
export function ProcessPanel({ planDoc, notesDoc, plan, notes, planWritable, notesWritable, caseType, onAdjustGoals, notesAwareness = null, userId, members }: ProcessPanelProps) {
  const { t } = useTranslation()
  const id = useId()
  const [closed, setClosed] = useState<{ from: Phase; to: Phase } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const current = plan.meta.currentPhase
  const currentIndex = phaseIndex(current)
  const stateOf = (phase: Phase): PhaseState => {
    const index = phaseIndex(phase)
    return index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming'
  }
  const goals = goalsToReview(plan)
  const numberOf = (goalId: string): number => plan.goals.findIndex((goal) => goal.id === goalId) + 1

  const blockerText = (blocker: CloseBlocker): string => {
    if (blocker.code === 'goalNotReviewed') {
      const goal = plan.goals.find((entry) => entry.id === blocker.goalId)
      return t('process.close.goalNotReviewed', { goal: goal ? goalLabel(t, goal, numberOf(goal.id)) : blocker.goalId })
    }
    return t(`process.close.${blocker.code}`)
  }

  const close = (phase: Phase): void => {
    setError(null)
    if (!planWritable) {
      setError(t('process.close.planReadOnly'))
      return
    }
    const to = advancePhase(planDoc, phase)
    if (to === null) {
      setError(t('process.close.alreadyClosed'))
      return
    }
    setClosed({ from: phase, to })
  }

  return (
    <FieldPresenceContext.Provider value={notesAwareness}>
      <UndoScope doc={notesDoc} kind="notes">
        <div className="process" data-testid="process.panel" data-current-phase={current}>
          <p className="process-current" data-testid="process.current-phase">
            {t('process.currentPhase', { phase: t(`phases.${current}`) })}
          </p>
          <ol className="phase-steps" aria-label={t('process.stepsLabel')}>
            {Phases.map((phase) => (
              <li key={phase} className={`phase-step phase-${stateOf(phase)}`} aria-current={phase === current ? 'step' : undefined}>
                {t(`phases.${phase}`)} <span className="meta">({t(`process.phaseState.${stateOf(phase)}`)})</span>
              </li>
            ))}
          </ol>

          <CoacheeGenderSelect notesDoc={notesDoc} gender={notes.meta.gender} writable={notesWritable} />

          <PhaseReturns planDoc={planDoc} notesDoc={notesDoc} current={current} writable={planWritable && notesWritable} userId={userId} members={members} />

          {closed ? (
            <div role="status" className="notice" data-testid="phase.closed">
              <p>{t('process.close.done', { from: t(`phases.${closed.from}`), to: t(`phases.${closed.to}`) })}</p>
              <p>{t('process.close.adjustHint')}</p>
              <button type="button" onClick={onAdjustGoals} data-testid="phase.adjust-goals">
                {t('process.close.adjustGoals')}
              </button>
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="alert" data-testid="phase.error">
              {error}
            </p>
          ) : null}

          {Phases.filter((phase) => stateOf(phase) !== 'upcoming').map((phase) => {
            const completeness = reviewCompleteness(plan, notes, phase)
            const requirements = closePhaseRequirements(plan, notes, phase)
            const isCurrent = phase === current
            const missing = requirements.blockers.filter((blocker) => blocker.code === 'goalNotReviewed' || blocker.code === 'noGoals')
            return (
              <section
                key={phase}
                aria-labelledby={`${id}-${phase}`}
                className="phase-review"
                data-testid="phase.section"
                data-phase={phase}
                id={`phase-${phase}`}
                tabIndex={-1}
              >
                <h3 id={`${id}-${phase}`}>
                  {t('process.reviewHeading', { phase: t(`phases.${phase}`) })}{' '}
                  <span className="meta">{t('process.reviewCount', { reviewed: completeness.reviewed, total: completeness.total })}</span>
                </h3>
                {goals.length === 0 ? <p>{t('process.noGoals')}</p> : null}
                {goals.map((goal) => (
                  <ReviewForm
                    key={goal.id}
                    notesDoc={notesDoc}
                    phase={phase}
                    goal={goal}
                    number={numberOf(goal.id)}
                    review={reviewOf(notes, phase, goal.id)}
                    writable={notesWritable}
                  />
                ))}
                {phase === 'analysis' ? <FeasibilityCheckForm notesDoc={notesDoc} writable={notesWritable} userId={userId} /> : null}
                {isCurrent && phase !== 'stabilisation' ? (
                  <div className="phase-close">
                    {missing.length > 0 ? (
                      <div id={`${id}-${phase}-missing`} data-testid="phase.missing">
                        <p>{t('process.close.missingIntro')}</p>
                        <ul>
                          {missing.map((blocker) => (
                            <li key={blocker.code === 'goalNotReviewed' ? blocker.goalId : blocker.code}>{blockerText(blocker)}</li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    <button
                      type="button"
                      className="primary"
                      disabled={!requirements.canClose || !planWritable}
                      aria-describedby={missing.length > 0 ? `${id}-${phase}-missing` : undefined}
                      onClick={() => close(phase)}
                      data-testid="phase.close"
                    >
                      {t('process.close.button', { phase: t(`phases.${phase}`) })}
                    </button>
                    {!planWritable ? <p className="meta">{t('process.close.planReadOnly')}</p> : null}
                  </div>
                ) : null}
                {phase === 'stabilisation' ? (
                  <OutcomeForm notesDoc={notesDoc} caseType={caseType} outcome={notes.meta.outcome} writable={notesWritable} />
                ) : isCurrent && (notesWritable || notes.meta.outcome?.kind === 'aborted') ? (
                  <details className="early-end" open={notes.meta.outcome?.kind === 'aborted'} data-testid="process.abort">
                    <summary>{t('process.outcome.abortSummary')}</summary>
                    <OutcomeForm notesDoc={notesDoc} caseType={caseType} outcome={notes.meta.outcome} writable={notesWritable} early />
                  </details>
                ) : null}
              </section>
            )
          })}
        </div>
      </UndoScope>
    </FieldPresenceContext.Provider>
  )
}
