/**
 * The anonymised final report of a closed case for the coach's own pool
 * application (issue 20 point 7, group 2b). The draft is built by the
 * server for this screen only and stored nowhere; the coach reviews it with
 * every replacement highlighted and the legend (only theirs), blacks out
 * more text (a selection, or typed) and has it built again, and approves it:
 * only then is it stored, as a PDF in their application, where it counts
 * toward the five reports of group 2b.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { FinalReportDraft } from '../../../../shared/src/api/finalReportExport.js'
import { Limits } from '../../../../shared/src/limits.js'
import { MinimumCasesOrReports, countedFinalReports } from '../../../../shared/src/pool/groups.js'
import { finalReportExportApi } from '../../api/finalReportExportEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { DraftLines } from './DraftLines.js'

/** The text selected inside `element`, kept while focus moves to a button. */
function useSelectionIn(element: RefObject<HTMLElement | null>): string {
  const [selected, setSelected] = useState('')
  useEffect(() => {
    const handler = (): void => {
      const selection = document.getSelection()
      const text = selection?.toString().trim() ?? ''
      if (text !== '' && selection?.anchorNode && element.current?.contains(selection.anchorNode)) {
        setSelected(text)
      }
    }
    document.addEventListener('selectionchange', handler)
    return () => document.removeEventListener('selectionchange', handler)
  }, [element])
  return selected
}

export function FinalReportExportScreen() {
  const { t } = useTranslation()
  const id = useId()
  const { caseId = '' } = useParams()
  const draftRef = useRef<HTMLElement>(null)
  const selected = useSelectionIn(draftRef)
  const [draft, setDraft] = useState<FinalReportDraft | null>(null)
  /** The redactions the shown draft was built with. */
  const [applied, setApplied] = useState<string[]>([])
  const [pending, setPending] = useState<string[]>([])
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [counted, setCounted] = useState<number | null>(null)

  const build = useCallback(
    async (redactions: string[]): Promise<void> => {
      setBusy(true)
      setError(null)
      try {
        const { data } = await finalReportExportApi.draft(caseId, redactions)
        setDraft(data.draft)
        setApplied(redactions)
        setPending([])
      } catch (err) {
        setError(errorText(t, err))
      } finally {
        setBusy(false)
      }
    },
    [caseId, t],
  )

  useEffect(() => {
    void build([])
  }, [build])

  const addPending = (text: string): void => {
    const trimmed = text.trim()
    if (trimmed === '') {
      setNotice(t('supervision.redact.nothingSelected'))
      return
    }
    setPending((list) => (list.includes(trimmed) || applied.includes(trimmed) ? list : [...list, trimmed]))
    setNotice(t('supervision.redact.added', { text: trimmed }))
  }

  const handleTyped = (event: FormEvent): void => {
    event.preventDefault()
    addPending(typed)
    setTyped('')
  }

  const rebuild = async (): Promise<void> => {
    await build([...applied, ...pending])
    setNotice(t('finalReportExport.rebuilt'))
  }

  const approve = async (): Promise<void> => {
    if (draft === null || !window.confirm(t('finalReportExport.approve.confirm'))) {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { data } = await finalReportExportApi.approve(caseId, applied, draft.draftHash)
      setCounted(countedFinalReports(data.application.evidence))
      setDraft({ ...draft, alreadyExported: true })
      setNotice(null)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack" data-testid="finalReportExport.screen">
      <Link to={`/cases/${encodeURIComponent(caseId)}`} className="back-link">
        ← {t('report.back')}
      </Link>
      <h1>{t('finalReportExport.heading')}</h1>
      <p>{t('finalReportExport.intro')}</p>
      <p className="meta">{t('finalReportExport.onlyYou')}</p>
      <ErrorAlert message={error} testId="finalReportExport.error" />
      {counted !== null ? (
        <p role="status" className="notice" data-testid="finalReportExport.approved">
          {t('finalReportExport.approve.done', { count: counted, needed: MinimumCasesOrReports })} <Link to="/pool">{t('finalReportExport.toPool')}</Link>
        </p>
      ) : null}
      {draft === null ? (
        error === null ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <article className="card stack" ref={draftRef} aria-label={t('finalReportExport.draftLabel')} data-testid="finalReportExport.draft">
            <DraftLines lines={draft.lines} />
          </article>
          <aside className="card stack" aria-labelledby={`${id}-review`} data-testid="finalReportExport.review">
            <h2 id={`${id}-review`}>{t('finalReportExport.review')}</h2>
            <section aria-labelledby={`${id}-legend`}>
              <h3 id={`${id}-legend`}>{t('supervision.legend.heading')}</h3>
              <p className="meta">{t('finalReportExport.legendOnlyYou')}</p>
              <table className="supervision-legend" data-testid="finalReportExport.legend">
                <thead>
                  <tr>
                    <th scope="col">{t('supervision.legend.placeholder')}</th>
                    <th scope="col">{t('supervision.legend.identifier')}</th>
                  </tr>
                </thead>
                <tbody>
                  {draft.legend.map((entry) => (
                    <tr key={`${entry.placeholder}-${entry.identifier}`}>
                      <td>
                        <mark className="anonymised">{entry.placeholder}</mark>
                      </td>
                      <td>{entry.identifier}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p data-testid="finalReportExport.replacement-count">{t('finalReportExport.count', { count: draft.replacements })}</p>
            </section>
            <section aria-labelledby={`${id}-redact`}>
              <h3 id={`${id}-redact`}>{t('supervision.redact.heading')}</h3>
              <p>{t('finalReportExport.redactIntro')}</p>
              <button
                type="button"
                className="small"
                // Keeps the selection in the draft when the button is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => addPending(selected)}
                data-testid="finalReportExport.redact-selection"
              >
                {t('supervision.redact.selection')}
              </button>
              <form className="form row" onSubmit={handleTyped}>
                <label htmlFor={`${id}-typed`}>{t('supervision.redact.typedLabel')}</label>
                <input id={`${id}-typed`} value={typed} maxLength={Limits.maxRedactionLength} onChange={(event) => setTyped(event.target.value)} data-testid="finalReportExport.redact-text" />
                <button type="submit" className="small" data-testid="finalReportExport.redact-add">
                  {t('supervision.redact.add')}
                </button>
              </form>
              {pending.length > 0 || applied.length > 0 ? (
                <ul aria-label={t('supervision.redact.listLabel')} data-testid="finalReportExport.redactions">
                  {applied.map((text) => (
                    <li key={`done-${text}`}>
                      {text} <span className="meta">({t('supervision.redact.applied')})</span>
                    </li>
                  ))}
                  {pending.map((text) => (
                    <li key={`pending-${text}`}>
                      {text}{' '}
                      <button type="button" className="small" onClick={() => setPending((list) => list.filter((entry) => entry !== text))}>
                        {t('supervision.redact.undo', { text })}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
              <button type="button" disabled={busy || counted !== null} onClick={() => void rebuild()} data-testid="finalReportExport.rebuild">
                {pending.length > 0 ? t('supervision.redact.apply', { count: pending.length }) : t('supervision.redact.rebuild')}
              </button>
            </section>
            <section aria-labelledby={`${id}-approve`}>
              <h3 id={`${id}-approve`}>{t('finalReportExport.approve.heading')}</h3>
              {draft.alreadyExported ? (
                <p data-testid="finalReportExport.already">{t('finalReportExport.already')}</p>
              ) : (
                <>
                  <p>{t('finalReportExport.approve.intro')}</p>
                  <button type="button" className="primary" disabled={busy || pending.length > 0} onClick={() => void approve()} data-testid="finalReportExport.approve">
                    {t('finalReportExport.approve.submit')}
                  </button>
                  {pending.length > 0 ? <p className="meta">{t('finalReportExport.applyFirst')}</p> : null}
                </>
              )}
            </section>
            {notice ? (
              <p role="status" className="notice" data-testid="finalReportExport.notice">
                {notice}
              </p>
            ) : null}
          </aside>
        </>
      )}
    </div>
  )
}
