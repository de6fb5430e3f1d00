import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { CaseType } from '../../../../../shared/src/api/cases.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { outcomeKindsFor, OutcomeKinds, outcomeMap, setOutcome, type CaseOutcome, type OutcomeKind } from '../../../../../shared/src/caseDocument/notes.js'
import { YTextField } from '../../../editor/YTextField.js'
import { localEdit } from '../../../sync/docUndo.js'

export interface OutcomeFormProps {
  notesDoc: Y.Doc
  caseType: CaseType
  outcome: CaseOutcome | undefined
  writable: boolean
  /** Before the last phase: the form ends the case early (Abbruch) and offers only that kind. */
  early?: boolean
}

/**
 * How the case ended (stabilisation phase), in the categories funders count:
 * the outcome kind fits the case type, and any case may end early (Abbruch,
 * with its reason); how it was reached and, above all when no job was reached
 * or kept, why (the final report states the reasons). Text typed before a kind is
 * chosen is kept here (the schema wants a kind) and saved with the kind;
 * after that both texts are bound to the document character-wise.
 */
export function OutcomeForm({ notesDoc, caseType, outcome, writable, early = false }: OutcomeFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<{ how: string; why: string }>({ how: '', why: '' })
  const kinds: readonly OutcomeKind[] = early ? ['aborted'] : [...outcomeKindsFor(caseType), 'aborted']
  const aborted = outcome?.kind === 'aborted'
  const mismatch = outcome !== undefined && !kinds.includes(outcome.kind)
  const map = outcome ? (outcomeMap(notesDoc) ?? null) : null
  const chooseKind = (kind: OutcomeKind): void =>
    localEdit(notesDoc, 'notes', () => {
      const existing = outcomeMap(notesDoc)
      if (existing) {
        existing.set('kind', kind)
      } else {
        setOutcome(notesDoc, { kind, ...draft })
      }
    })
  const textField = (key: 'how' | 'why', describedBy?: string) =>
    map ? (
      <YTextField
        doc={notesDoc}
        map={map}
        field={key}
        kind="notes"
        fieldId={`outcome:${key}`}
        multiline
        rows={3}
        editable={writable}
        id={`${id}-${key}`}
        maxLength={Limits.maxOutcomeTextLength}
        aria-describedby={describedBy}
        data-testid={`outcome.${key}`}
      />
    ) : (
      <textarea
        id={`${id}-${key}`}
        className="grow"
        value={draft[key]}
        rows={3}
        maxLength={Limits.maxOutcomeTextLength}
        readOnly={!writable}
        aria-describedby={describedBy}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
        data-testid={`outcome.${key}`}
      />
    )
  return (
    <section aria-labelledby={`${id}-h`} className="outcome" data-testid="outcome.form">
      <h3 id={`${id}-h`}>{t(early ? 'process.outcome.abortHeading' : 'process.outcome.heading')}</h3>
      <p className="meta">{t(early ? 'process.outcome.abortIntro' : `process.outcome.intro.${caseType}`)}</p>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('process.outcome.kind')}</label>
        <select
          id={`${id}-kind`}
          value={outcome?.kind ?? ''}
          disabled={!writable}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          onChange={(event) => {
            if (event.target.value !== '') {
              chooseKind(event.target.value as OutcomeKind)
            }
          }}
          data-testid="outcome.kind"
        >
          {outcome ? null : <option value="">{t('process.review.choose')}</option>}
          {OutcomeKinds.filter((kind) => kinds.includes(kind) || kind === outcome?.kind).map((kind) => (
            <option key={kind} value={kind}>
              {t(`report.outcomeKind.${kind}`)}
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
        {textField('how')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-why`}>{t(aborted ? 'process.outcome.whyAborted' : 'process.outcome.why')}</label>
        {textField('why', `${id}-why-help`)}
        <small id={`${id}-why-help`} className="meta">
          {t(aborted ? 'process.outcome.whyAbortedHelp' : 'process.outcome.whyHelp')}
        </small>
        {aborted && outcome.why.trim() === '' ? (
          <p role="status" className="notice warn" data-testid="outcome.reason-missing">
            {t('process.outcome.reasonMissing')}
          </p>
        ) : null}
      </div>
      {outcome === undefined && (draft.how !== '' || draft.why !== '') ? (
        <p role="status" className="meta" data-testid="outcome.pending">
          {t('process.outcome.chooseKindFirst')}
        </p>
      ) : null}
    </section>
  )
}
