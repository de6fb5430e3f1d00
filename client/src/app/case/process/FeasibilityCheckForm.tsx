/**
 * The feasibility check at the end of the analysis phase (issue 19): "Kann
 * ein Jobcoaching durchgeführt werden?" — yes, with conditions, or no, with
 * the coaches' reasons, in the notes (coaches only). Shown beside the step
 * that closes the analysis; a re-check is a new entry, the newest counts.
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { addFeasibilityCheck, FeasibilityAnswers, readFeasibilityChecks, type FeasibilityAnswer } from '../../../../../shared/src/caseDocument/feasibility.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { formatDate } from '../../format.js'
import { newId } from '../../newId.js'
import { useDocValue } from './useCaseDocs.js'

export function FeasibilityCheckForm({ notesDoc, writable, userId }: { notesDoc: Y.Doc; writable: boolean; userId: string }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const checks = useDocValue(notesDoc, readFeasibilityChecks) ?? []
  const current = checks.at(-1) ?? null
  const [editing, setEditing] = useState(false)
  const [answer, setAnswer] = useState<FeasibilityAnswer | null>(null)
  const [reasons, setReasons] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const showForm = writable && (current === null || editing)

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (answer === null || reasons.trim() === '') {
      return
    }
    addFeasibilityCheck(notesDoc, { id: newId(), answer, reasons: reasons.trim(), date: localToday(), coachId: userId })
    setEditing(false)
    setAnswer(null)
    setReasons('')
    setNotice(t('process.feasibility.saved'))
  }

  return (
    <section className="feasibility card" aria-labelledby={`${id}-h`} data-testid="feasibility.section" data-answer={current?.answer ?? ''}>
      <h4 id={`${id}-h`}>{t('process.feasibility.heading')}</h4>
      {current !== null ? (
        <div data-testid="feasibility.current">
          <p>
            <strong>{t('process.feasibility.current', { date: formatDate(current.date, i18n.language), answer: t(`requestWords.feasibility.${current.answer}`) })}</strong>
          </p>
          <p className="pre-line">
            <span className="visually-hidden">{t('process.feasibility.reasonsLabel')}: </span>
            {current.reasons}
          </p>
          {writable && !editing ? (
            <button type="button" className="small" onClick={() => setEditing(true)} data-testid="feasibility.redo">
              {t('process.feasibility.redo')}
            </button>
          ) : null}
        </div>
      ) : (
        <p className="meta" data-testid="feasibility.missing">
          {t('process.feasibility.missing')}
        </p>
      )}
      {showForm ? (
        <form className="form" onSubmit={submit} data-testid="feasibility.form">
          <p className="meta">{t('process.feasibility.intro')}</p>
          <fieldset>
            <legend>{t('process.feasibility.answer')}</legend>
            {FeasibilityAnswers.map((value) => (
              <label key={value} className="radio">
                <input type="radio" name={`${id}-answer`} required value={value} checked={answer === value} onChange={() => setAnswer(value)} data-testid={`feasibility.answer-${value}`} />{' '}
                {t(`requestWords.feasibility.${value}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-reasons`}>{t('process.feasibility.reasons')}</label>
          <textarea id={`${id}-reasons`} required maxLength={Limits.maxRequestTextLength} value={reasons} onChange={(event) => setReasons(event.target.value)} data-testid="feasibility.reasons" />
          <div className="button-row">
            <button type="submit" disabled={answer === null || reasons.trim() === ''} data-testid="feasibility.save">
              {t('process.feasibility.save')}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" className="meta">
        {notice}
      </p>
    </section>
  )
}
