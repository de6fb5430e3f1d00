import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { VersionContent, VersionDetail, VersionDoc, VersionSummary } from '../../../../../shared/src/api/versions.js'
import { notesVersionContent, planVersionContent } from '../../../../../shared/src/caseDocument/versionContent.js'
import { comparableNotesOfContent, notesDiff } from '../../../../../shared/src/versions/notesDiff.js'
import { comparablePlanOfContent, planDiff } from '../../../../../shared/src/versions/planDiff.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDateTime } from '../../format.js'
import type { PlanView } from '../planView.js'
import { versionWords } from './versionWords.js'
import { NotesDiffView } from './NotesDiffView.js'
import { PlanDiffView } from './PlanDiffView.js'

/** Readers of the live documents as version content (module-level: stable for useDocValue). */
export const liveContentOf: Readonly<Record<VersionDoc, (doc: Y.Doc) => VersionContent>> = {
  plan: planVersionContent,
  notes: notesVersionContent,
}

/** The diff of two contents of the same document, or null when one of them does not read. */
function DiffOf({ before, after, view }: { before: VersionContent; after: VersionContent; view: PlanView }) {
  const { t } = useTranslation()
  if (before.doc === 'plan' && after.doc === 'plan') {
    const from = comparablePlanOfContent(before)
    const to = comparablePlanOfContent(after)
    return from && to ? <PlanDiffView diff={planDiff(from, to)} view={view} /> : <p className="notice warn">{t('versions.unreadable')}</p>
  }
  if (before.doc === 'notes' && after.doc === 'notes') {
    const from = comparableNotesOfContent(before)
    const to = comparableNotesOfContent(after)
    return from && to ? <NotesDiffView diff={notesDiff(from, to)} /> : <p className="notice warn">{t('versions.unreadable')}</p>
  }
  return null
}

export interface VersionCompareProps {
  caseId: string
  doc: VersionDoc
  version: VersionSummary
  /** The version listed before it (older), if any. */
  previous: VersionSummary | null
  /** The live document's content, or null while it is not open. */
  live: VersionContent | null
  canRestore: boolean
  view: PlanView
  /** The coachee's plain words. */
  plain?: boolean
  onRestored: (restored: VersionDetail) => void
}

/** One version: compared with the current content or the one before, and (coaches) restored after a confirmation. */
export function VersionCompare({ caseId, doc, version, previous, live, canRestore, view, plain = false, onRestored }: VersionCompareProps) {
  const { t, i18n } = useTranslation()
  const word = versionWords(t, plain)
  const id = useId()
  const [against, setAgainst] = useState<'current' | 'previous'>(live ? 'current' : 'previous')
  const [details, setDetails] = useState<Record<string, VersionDetail>>({})
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  const wanted = [version.id, ...(against === 'previous' && previous ? [previous.id] : [])]
  const missing = wanted.filter((versionId) => details[versionId] === undefined).join(',')
  useEffect(() => {
    if (missing === '') {
      return undefined
    }
    let cancelled = false
    Promise.all(missing.split(',').map((versionId) => api.version(caseId, doc, versionId)))
      .then((replies) => {
        if (!cancelled) {
          setDetails((known) => ({ ...known, ...Object.fromEntries(replies.map(({ data }) => [data.version.id, data.version])) }))
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [caseId, doc, missing, t])

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const detail = details[version.id]
  const before = against === 'current' ? detail?.content : previous ? details[previous.id]?.content : undefined
  const after = against === 'current' ? (live ?? undefined) : detail?.content

  const handleRestore = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await api.restoreVersion(caseId, doc, version.id)
      setConfirming(false)
      // The panel selects the new version (this compare goes) and says it is restored.
      onRestored(data.version)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="version-compare" data-testid="versions.compare">
      <h4 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {word('selectedHeading', { at: formatDateTime(version.at, i18n.language) })}
      </h4>
      <fieldset className="versions-against">
        <legend>{word('compareLabel')}</legend>
        <label>
          <input type="radio" name={`${id}-against`} checked={against === 'current'} disabled={!live} onChange={() => setAgainst('current')} />{' '}
          {word('compareCurrent')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-against`}
            checked={against === 'previous'}
            disabled={!previous}
            onChange={() => setAgainst('previous')}
            data-testid="versions.against-previous"
          />{' '}
          {word('comparePrevious')}
        </label>
      </fieldset>
      {against === 'previous' && !previous ? <p>{word('noPrevious')}</p> : null}
      {detail && !detail.content.readable ? <p className="notice warn">{word('unreadable')}</p> : null}
      {before && after ? <DiffOf before={before} after={after} view={view} /> : detail || error ? null : <p role="status">{word('loading')}</p>}
      {canRestore && detail?.content.readable ? (
        confirming ? (
          <div role="group" aria-labelledby={`${id}-confirm`} className="confirm">
            <p id={`${id}-confirm`}>
              {t('versions.restoreConfirm')}
              {detail.content.doc === 'notes' ? ` ${t('versions.restoreKeepsLockedMonths')}` : ''}
            </p>
            <button type="button" className="primary" disabled={busy} onClick={() => void handleRestore()} data-testid="versions.restore-yes">
              {t('versions.restoreYes')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('versions.restoreNo')}
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} data-testid="versions.restore">
            {t('versions.restore')}
          </button>
        )
      ) : null}
      <ErrorAlert message={error} testId="versions.compare-error" />
    </section>
  )
}
