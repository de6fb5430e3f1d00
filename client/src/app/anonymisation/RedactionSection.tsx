/**
 * Blacking out more text before an anonymised text leaves its author (a
 * supervision copy, a final report for the pool): a selection in the text or
 * typed words are collected, listed with an undo, and applied together by
 * building the text again on the server.
 */
import { useCallback, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Limits } from '../../../../shared/src/limits.js'

/** Texts marked for redaction, not yet applied: added once each, never twice an applied one. */
export function usePendingRedactions(applied: readonly string[], onNotice: (notice: string) => void) {
  const { t } = useTranslation()
  const [pending, setPending] = useState<string[]>([])
  const add = useCallback(
    (text: string) => {
      const trimmed = text.trim()
      if (trimmed === '') {
        onNotice(t('supervision.redact.nothingSelected'))
        return
      }
      setPending((list) => (list.includes(trimmed) || applied.includes(trimmed) ? list : [...list, trimmed]))
      onNotice(t('supervision.redact.added', { text: trimmed }))
    },
    [applied, onNotice, t],
  )
  const undo = useCallback((text: string) => setPending((list) => list.filter((entry) => entry !== text)), [])
  const clear = useCallback(() => setPending([]), [])
  return { pending, add, undo, clear }
}

export interface RedactionSectionProps {
  intro: string
  /** The text selected in the anonymised text (useSelectionIn). */
  selected: string
  applied: readonly string[]
  redactions: ReturnType<typeof usePendingRedactions>
  onApply: () => void
  applyDisabled: boolean
  /** The apply button's look: primary where it is the panel's main step. */
  applyClassName?: string
  /** 'supervision' or 'finalReportExport': the test ids' prefix. */
  testIdPrefix: string
  applyTestId: string
}

export function RedactionSection({ intro, selected, applied, redactions, onApply, applyDisabled, applyClassName, testIdPrefix, applyTestId }: RedactionSectionProps) {
  const { t } = useTranslation()
  const id = useId()
  const [typed, setTyped] = useState('')
  const { pending, add, undo } = redactions

  const handleTyped = (event: FormEvent): void => {
    event.preventDefault()
    add(typed)
    setTyped('')
  }

  return (
    <section aria-labelledby={`${id}-redact`}>
      <h3 id={`${id}-redact`}>{t('supervision.redact.heading')}</h3>
      <p>{intro}</p>
      <button
        type="button"
        className="small"
        // Keeps the selection in the text when the button is clicked.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => add(selected)}
        data-testid={`${testIdPrefix}.redact-selection`}
      >
        {t('supervision.redact.selection')}
      </button>
      <form className="form row" onSubmit={handleTyped}>
        <label htmlFor={`${id}-typed`}>{t('supervision.redact.typedLabel')}</label>
        <input id={`${id}-typed`} value={typed} maxLength={Limits.maxRedactionLength} onChange={(event) => setTyped(event.target.value)} data-testid={`${testIdPrefix}.redact-text`} />
        <button type="submit" className="small" data-testid={`${testIdPrefix}.redact-add`}>
          {t('supervision.redact.add')}
        </button>
      </form>
      {pending.length > 0 || applied.length > 0 ? (
        <ul aria-label={t('supervision.redact.listLabel')} data-testid={`${testIdPrefix}.redactions`}>
          {applied.map((text) => (
            <li key={`done-${text}`}>
              {text} <span className="meta">({t('supervision.redact.applied')})</span>
            </li>
          ))}
          {pending.map((text) => (
            <li key={`pending-${text}`}>
              {text}{' '}
              <button type="button" className="small" onClick={() => undo(text)}>
                {t('supervision.redact.undo', { text })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className={applyClassName} disabled={applyDisabled} onClick={onApply} data-testid={applyTestId}>
        {pending.length > 0 ? t('supervision.redact.apply', { count: pending.length }) : t('supervision.redact.rebuild')}
      </button>
    </section>
  )
}
