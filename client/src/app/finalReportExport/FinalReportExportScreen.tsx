/**
 * The anonymised final report of a closed case for the coach's own pool
 * application (issue 20 point 7, group 2b). The draft is built by the
 * server for this screen only and stored nowhere; the coach reviews it with
 * every replacement highlighted and the legend (only theirs), blacks out
 * more text (a selection, or typed) and has it built again, and approves it:
 * only then is it stored, as a PDF in their application, where it counts
 * toward the five reports of group 2b.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { FinalReportDraft } from '../../../../shared/src/api/finalReportExport.js'
import { MinimumCasesOrReports, countedFinalReports } from '../../../../shared/src/pool/groups.js'
import { finalReportExportApi } from '../../api/finalReportExportEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { LegendTable } from '../anonymisation/LegendTable.js'
import { RedactionSection, usePendingRedactions } from '../anonymisation/RedactionSection.js'
import { useSelectionIn } from '../anonymisation/useSelectionIn.js'
import { errorText } from '../errorText.js'
import { DraftLines } from './DraftLines.js'

export function FinalReportExportScreen() {
  const { t } = useTranslation()
  const id = useId()
  const { caseId = '' } = useParams()
  const draftRef = useRef<HTMLElement>(null)
  const selected = useSelectionIn(draftRef)
  const [draft, setDraft] = useState<FinalReportDraft | null>(null)
  /** The redactions the shown draft was built with. */
  const [applied, setApplied] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [counted, setCounted] = useState<number | null>(null)
  const redactions = usePendingRedactions(applied, setNotice)
  const { pending, clear: clearPending } = redactions

  const build = useCallback(
    async (texts: string[]): Promise<void> => {
      setBusy(true)
      setError(null)
      try {
        const { data } = await finalReportExportApi.draft(caseId, texts)
        setDraft(data.draft)
        setApplied(texts)
        clearPending()
      } catch (err) {
        setError(errorText(t, err))
      } finally {
        setBusy(false)
      }
    },
    [caseId, clearPending, t],
  )

  useEffect(() => {
    void build([])
  }, [build])

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
              <LegendTable legend={draft.legend} testId="finalReportExport.legend" />
              <p data-testid="finalReportExport.replacement-count">{t('finalReportExport.count', { count: draft.replacements })}</p>
            </section>
            <RedactionSection
              intro={t('finalReportExport.redactIntro')}
              selected={selected}
              applied={applied}
              redactions={redactions}
              onApply={() => void rebuild()}
              applyDisabled={busy || counted !== null}
              testIdPrefix="finalReportExport"
              applyTestId="finalReportExport.rebuild"
            />
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
