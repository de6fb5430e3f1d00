/**
 * The author's review of an unreleased copy: the legend (placeholder -> real
 * name; computed by the server on request, never stored, never shown to a
 * group), marking more text for redaction (a selection in the copy, or typed
 * in), the case's extra identifiers, and the release to a group.
 */
import { useEffect, useId, useState, type FormEvent, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { CopyReview, SupervisionCopySummary, SupervisionGroup } from '../../../../shared/src/api/supervision.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { LegendTable } from '../anonymisation/LegendTable.js'
import { RedactionSection, usePendingRedactions } from '../anonymisation/RedactionSection.js'
import { useSelectionIn } from '../anonymisation/useSelectionIn.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import { ExtraIdentifiers } from './ExtraIdentifiers.js'
import { supervisionApi } from './supervisionApi.js'

export interface ReviewPanelProps {
  copy: SupervisionCopySummary
  /** The element holding the copy: a text selection inside it can be redacted. */
  copyElement: RefObject<HTMLElement | null>
  /** A new copy replaced this one (redaction): open it. */
  onReplaced: (copyId: string, review: CopyReview) => void
  onReleased: (copy: SupervisionCopySummary) => void
  /** The review the create or redaction reply brought, if any. */
  initialReview: CopyReview | null
}

export function ReviewPanel({ copy, copyElement, onReplaced, onReleased, initialReview }: ReviewPanelProps) {
  const { t } = useTranslation()
  const id = useId()
  const me = useUser()
  const [review, setReview] = useState<CopyReview | null>(initialReview)
  const [groups, setGroups] = useState<SupervisionGroup[]>([])
  const [groupId, setGroupId] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const selected = useSelectionIn(copyElement)
  const redactions = usePendingRedactions(copy.redactions, setNotice)
  const { pending } = redactions

  useEffect(() => {
    if (initialReview === null && copy.sourceCaseId !== null) {
      supervisionApi
        .legend(copy.id)
        .then(({ data }) => setReview(data))
        .catch((err: unknown) => setError(errorText(t, err)))
    }
  }, [copy.id, copy.sourceCaseId, initialReview, t])

  useEffect(() => {
    supervisionApi
      .groups()
      .then(({ data }) => {
        const mine = data.groups.filter((group) => group.members.some((member) => member.userId === me.id))
        setGroups(mine)
        setGroupId((current) => current || (mine[0]?.id ?? ''))
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [me.id, t])

  const rebuild = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await supervisionApi.redact(copy.id, { texts: pending })
      redactions.clear()
      setNotice(t('supervision.redact.done'))
      onReplaced(data.copy.id, { legend: data.legend, replacements: data.replacements })
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const release = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const group = groups.find((candidate) => candidate.id === groupId)
    if (!group || !window.confirm(t('supervision.release.confirm', { group: group.name }))) {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const { data } = await supervisionApi.release(copy.id, { groupId })
      onReleased(data.copy)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <aside className="card stack" aria-labelledby={`${id}-heading`} data-testid="supervision.review">
      <h2 id={`${id}-heading`}>{t('supervision.review.heading')}</h2>
      <p>{t('supervision.review.intro')}</p>
      <section aria-labelledby={`${id}-legend`}>
        <h3 id={`${id}-legend`}>{t('supervision.legend.heading')}</h3>
        <p className="meta">{t('supervision.legend.onlyYou')}</p>
        {review ? (
          <>
            <LegendTable legend={review.legend} testId="supervision.legend" />
            <p data-testid="supervision.replacement-count">{t('supervision.legend.count', { count: review.replacements.length })}</p>
          </>
        ) : (
          <p role="status">{t('app.loading')}</p>
        )}
      </section>
      <RedactionSection
        intro={t('supervision.redact.intro')}
        selected={selected}
        applied={copy.redactions}
        redactions={redactions}
        onApply={() => void rebuild()}
        applyDisabled={busy}
        applyClassName="primary"
        testIdPrefix="supervision"
        applyTestId="supervision.redact-apply"
      />
      {copy.sourceCaseId !== null ? <ExtraIdentifiers caseId={copy.sourceCaseId} /> : null}
      <section aria-labelledby={`${id}-release`}>
        <h3 id={`${id}-release`}>{t('supervision.release.heading')}</h3>
        <p>{t('supervision.release.intro')}</p>
        {groups.length === 0 ? (
          <p data-testid="supervision.release-no-group">{t('supervision.release.noGroup')}</p>
        ) : (
          <form className="form row" onSubmit={(event) => void release(event)}>
            <label htmlFor={`${id}-group`}>{t('supervision.release.group')}</label>
            <select id={`${id}-group`} value={groupId} onChange={(event) => setGroupId(event.target.value)} data-testid="supervision.release-group">
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
            <button type="submit" className="primary" disabled={busy || pending.length > 0} data-testid="supervision.release">
              {t('supervision.release.submit')}
            </button>
          </form>
        )}
        {pending.length > 0 ? <p className="meta">{t('supervision.release.applyFirst')}</p> : null}
      </section>
      {notice ? (
        <p role="status" className="notice" data-testid="supervision.review-notice">
          {notice}
        </p>
      ) : null}
      <ErrorAlert message={error} testId="supervision.review-error" />
    </aside>
  )
}
