import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { Member } from '../../../../../shared/src/api/cases.js'
import type { Phase } from '../../../../../shared/src/caseDocument/plan.js'
import { readPhaseReturns } from '../../../../../shared/src/caseDocument/phaseReturns.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { returnToPreviousPhase } from '../../../../../shared/src/process/closePhase.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { previousPhase } from '../../../../../shared/src/process/phases.js'
import { formatDate } from '../../format.js'
import { newId } from '../../newId.js'
import { useDocValue } from './useCaseDocs.js'

export interface PhaseReturnsProps {
  planDoc: Y.Doc
  notesDoc: Y.Doc
  current: Phase
  /** Both documents writable: the return moves the plan and documents the reason in the notes. */
  writable: boolean
  /** The signed-in coach, recorded with the return. */
  userId: string
  members: readonly Member[]
}

/**
 * Going back a phase: the documented returns so far, and for a coach the step
 * back from the current phase, which needs a reason (the phase moves forward
 * only by closing it after the review).
 */
export function PhaseReturns({ planDoc, notesDoc, current, writable, userId, members }: PhaseReturnsProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const returns = useDocValue(notesDoc, readPhaseReturns) ?? []
  const back = previousPhase(current)
  const nameOf = (coachId: string): string => members.find((member) => member.userId === coachId)?.name ?? t('process.hours.unknownCoach')

  const handleSubmit = (event: FormEvent): void => {
    event.preventDefault()
    setError(null)
    const to = returnToPreviousPhase(planDoc, notesDoc, current, { id: newId(), coachId: userId, date: localToday(), reason })
    if (to === null) {
      setError(t(reason.trim() === '' ? 'process.back.reasonRequired' : 'process.back.alreadyMoved'))
      return
    }
    setReason('')
  }

  return (
    <section aria-labelledby={`${id}-h`} className="phase-returns" data-testid="phase.returns">
      {returns.length > 0 ? (
        <>
          <h3 id={`${id}-h`}>{t('process.back.listHeading')}</h3>
          <ul>
            {returns.map((entry) => (
              <li key={entry.id} data-testid="phase.return-item">
                {t('process.back.item', {
                  date: formatDate(entry.date, i18n.language),
                  from: t(`phases.${entry.from}`),
                  to: t(`phases.${entry.to}`),
                  name: nameOf(entry.coachId),
                })}{' '}
                <q>{entry.reason}</q>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <h3 id={`${id}-h`} className="visually-hidden">
          {t('process.back.listHeading')}
        </h3>
      )}
      {back !== null && writable ? (
        <details data-testid="phase.back">
          <summary>{t('process.back.summary', { phase: t(`phases.${back}`) })}</summary>
          <form onSubmit={handleSubmit}>
            <p className="meta">{t('process.back.intro')}</p>
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('process.back.reason')}</label>
              <textarea
                id={`${id}-reason`}
                className="grow"
                rows={2}
                required
                maxLength={Limits.maxShortTextLength}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                data-testid="phase.back-reason"
              />
            </div>
            <button type="submit" disabled={reason.trim() === ''} data-testid="phase.back-submit">
              {t('process.back.submit', { phase: t(`phases.${back}`) })}
            </button>
            {error ? (
              <p role="alert" className="alert">
                {error}
              </p>
            ) : null}
          </form>
        </details>
      ) : null}
    </section>
  )
}
