import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { CaseType } from '../../../../../shared/src/api/cases.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { outcomeKindsFor, OutcomeKinds, setOutcome, type CaseOutcome, type OutcomeKind } from '../../../../../shared/src/caseDocument/notes.js'
import { CommittedTextarea } from './CommittedTextarea.js'

export interface OutcomeFormProps {
  notesDoc: Y.Doc
  caseType: CaseType
  outcome: CaseOutcome | undefined
  writable: boolean
}

/**
 * How the case ended (stabilisation phase): the outcome kind fits the case
 * type; how it was reached and, above all when no job was reached or kept,
 * why (the final report states the reasons). Text typed before a kind is
 * chosen is kept here and saved with the kind.
 */
export function OutcomeForm({ notesDoc, caseType, outcome, writable }: OutcomeFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<{ how: string; why: string }>({ how: '', why: '' })
  const kinds = outcomeKindsFor(caseType)
  const mismatch = outcome !== undefined && !kinds.includes(outcome.kind)
  const how = outcome?.how ?? draft.how
  const why = outcome?.why ?? draft.why
  const save = (next: { kind?: OutcomeKind; how?: string; why?: string }): void => {
    const kind = next.kind ?? outcome?.kind
    const merged = { how: next.how ?? how, why: next.why ?? why }
    if (kind === undefined) {
      setDraft(merged)
      return
    }
    setOutcome(notesDoc, { kind, ...merged })
  }
  return (
    <section aria-labelledby={`${id}-h`} className="outcome" data-testid="outcome.form">
      <h3 id={`${id}-h`}>{t('process.outcome.heading')}</h3>
      <p className="meta">{t(`process.outcome.intro.${caseType}`)}</p>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('process.outcome.kind')}</label>
        <select
          id={`${id}-kind`}
          value={outcome?.kind ?? ''}
          disabled={!writable}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          onChange={(event) => {
            if (event.target.value !== '') {
              save({ kind: event.target.value as OutcomeKind })
            }
          }}
          data-testid="outcome.kind"
        >
          {outcome ? null : <option value="">{t('process.review.choose')}</option>}
          {OutcomeKinds.filter((kind) => kinds.includes(kind) || kind === outcome?.kind).map((kind) => (
            <option key={kind} value={kind}>
              {t(`process.outcome.kinds.${kind}`)}
            </option>
          ))}
        </select>
        {mismatch ? (
          <p id={`${id}-mismatch`} role="status" className="notice warn" data-testid="outcome.mismatch">
            {t('process.outcome.mismatch')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-how`}>{t('process.outcome.how')}</label>
        <CommittedTextarea
          id={`${id}-how`}
          value={how}
          rows={3}
          maxLength={Limits.maxOutcomeTextLength}
          disabled={!writable}
          onCommit={(value) => save({ how: value })}
          data-testid="outcome.how"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('process.outcome.why')}</label>
        <CommittedTextarea
          id={`${id}-why`}
          value={why}
          rows={3}
          maxLength={Limits.maxOutcomeTextLength}
          disabled={!writable}
          aria-describedby={`${id}-why-help`}
          onCommit={(value) => save({ why: value })}
          data-testid="outcome.why"
        />
        <small id={`${id}-why-help`} className="meta">
          {t('process.outcome.whyHelp')}
        </small>
      </div>
      {outcome === undefined && (draft.how !== '' || draft.why !== '') ? (
        <p role="status" className="meta" data-testid="outcome.pending">
          {t('process.outcome.chooseKindFirst')}
        </p>
      ) : null}
    </section>
  )
}
