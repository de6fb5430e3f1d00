import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { Limits } from '../../../../../shared/src/limits.js'
import { notesReviews, reviewNoteText, setGoalReview, type GoalReview } from '../../../../../shared/src/caseDocument/notes.js'
import { GoalStatuses, type Goal, type GoalStatus, type Phase } from '../../../../../shared/src/caseDocument/plan.js'
import { YTextField } from '../../../editor/YTextField.js'
import { localEdit } from '../../../sync/docUndo.js'
import { goalLabel } from './goalLabel.js'

export interface ReviewFormProps {
  notesDoc: Y.Doc
  phase: Phase
  goal: Goal
  number: number
  review: GoalReview | undefined
  writable: boolean
}

/**
 * The review of one goal in one phase (Phasenreflexion): still valid, how
 * far attained, a note. The first answer records the review; the fields not
 * yet answered take visible defaults (still valid: yes; attainment: the
 * goal's status in the plan).
 */
export function ReviewForm({ notesDoc, phase, goal, number, review, writable }: ReviewFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const defaults: GoalReview = { stillValid: true, attainment: goal.status, note: '' }
  const change = (part: Partial<GoalReview>): void => localEdit(notesDoc, 'notes', () => setGoalReview(notesDoc, phase, goal.id, part, defaults))
  const entry = notesReviews(notesDoc).get(phase)?.get(goal.id)
  return (
    <fieldset className="review" data-testid="review.item" data-goal-id={goal.id} data-phase={phase} data-reviewed={review ? 'true' : 'false'}>
      <legend>{goalLabel(t, goal, number)}</legend>
      <p className="meta">{review ? t('process.review.done') : t('process.review.notYet')}</p>
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-valid`}>{t('process.review.stillValid')}</label>
          <select
            id={`${id}-valid`}
            value={review ? (review.stillValid ? 'yes' : 'no') : ''}
            disabled={!writable}
            onChange={(event) => {
              if (event.target.value !== '') {
                change({ stillValid: event.target.value === 'yes' })
              }
            }}
            data-testid="review.stillValid"
          >
            {review ? null : <option value="">{t('process.review.choose')}</option>}
            <option value="yes">{t('process.review.yes')}</option>
            <option value="no">{t('process.review.no')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-attainment`}>{t('process.review.attainment')}</label>
          <select
            id={`${id}-attainment`}
            value={review?.attainment ?? ''}
            disabled={!writable}
            onChange={(event) => {
              if (event.target.value !== '') {
                change({ attainment: event.target.value as GoalStatus })
              }
            }}
            data-testid="review.attainment"
          >
            {review ? null : <option value="">{t('process.review.choose')}</option>}
            {GoalStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`goal.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-note`}>{t('process.review.note')}</label>
          <YTextField
            doc={notesDoc}
            map={entry instanceof Y.Map ? entry : null}
            field="note"
            // The first word of a note records the review (with the visible defaults).
            ensureText={() => {
              setGoalReview(notesDoc, phase, goal.id, {}, defaults)
              return reviewNoteText(notesDoc, phase, goal.id) ?? null
            }}
            kind="notes"
            fieldId={`review:${phase}:${goal.id}:note`}
            multiline
            rows={2}
            editable={writable}
            id={`${id}-note`}
            maxLength={Limits.maxShortTextLength}
            data-testid="review.note"
          />
        </div>
      </div>
    </fieldset>
  )
}
