import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { VersionDetail, VersionDoc, VersionSummary } from '../../../../../shared/src/api/versions.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { useDocValue } from '../process/useCaseDocs.js'
import { errorText } from '../../errorText.js'
import { formatDateTime } from '../../format.js'
import type { PlanView } from '../planView.js'
import { VersionCompare, liveContentOf } from './VersionCompare.js'
import { versionWords } from './versionWords.js'

export interface VersionsPanelProps {
  caseId: string
  /** The documents the caller may see versions of (plan; notes for coaches). */
  docs: readonly VersionDoc[]
  /** The live documents, to compare a version with the current content. */
  liveDocs: Partial<Record<VersionDoc, Y.Doc | null>>
  /** Coaches of an open case: may restore. */
  canRestore: boolean
  offline: boolean
  view: PlanView
  /** The coachee's plain words. */
  plain?: boolean
  /** Bumped when versions may have changed (agreements, own restores). */
  refreshKey: number
}

/**
 * "Versionen": the saved versions of a document, newest first, with who
 * changed it and why it was saved; one version at a time is compared with
 * the current content or with the version before, and a coach may restore it.
 */
export function VersionsPanel({ caseId, docs, liveDocs, canRestore, offline, view, plain = false, refreshKey }: VersionsPanelProps) {
  const { t, i18n } = useTranslation()
  const word = versionWords(t, plain)
  const id = useId()
  const [doc, setDoc] = useState<VersionDoc>(docs[0] ?? 'plan')
  const [list, setList] = useState<{ doc: VersionDoc; versions: VersionSummary[] } | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  /** The version a restore made just now: said while it is the one shown. */
  const [restored, setRestored] = useState<string | null>(null)
  const [ownRefresh, setOwnRefresh] = useState(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (offline) {
      return undefined
    }
    let cancelled = false
    api
      .versions(caseId, doc)
      .then(({ data }) => {
        if (!cancelled) {
          setList({ doc, versions: data.versions })
          setError(null)
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
  }, [caseId, doc, offline, refreshKey, ownRefresh, t])

  const liveDoc = liveDocs[doc] ?? null
  const live = useDocValue(liveDoc, doc === 'plan' ? liveContentOf.plan : liveContentOf.notes)
  const versions = list !== null && list.doc === doc ? list.versions : null
  const index = versions?.findIndex((version) => version.id === selected) ?? -1
  const current = index >= 0 ? versions?.[index] : undefined
  const previous = index >= 0 ? versions?.[index + 1] : undefined

  const describe = (version: VersionSummary): string => {
    // In plain words "Jonas Weber hat Ja gesagt" says the reason already.
    const parts = plain && version.agreement ? [] : [word(`reason.${version.reason}`)]
    if (version.agreement) {
      parts.push(word('agreedBy', { name: version.agreement.name }))
    }
    const names = version.authors.map((author) => author.name).filter((name) => name !== '')
    parts.push(names.length > 0 ? word('changedBy', { names: names.join(', ') }) : word('noAuthors'))
    return parts.join(' · ')
  }

  const handleRestored = (version: VersionDetail): void => {
    setSelected(version.id)
    setRestored(version.id)
    setOwnRefresh((n) => n + 1)
  }

  return (
    <section aria-labelledby={`${id}-h`} className="versions card" data-testid="versions.panel">
      <h3 id={`${id}-h`}>
        {word('heading')}
        {plain ? <FormalTerm term={t('plain.versions.term')} /> : null}
      </h3>
      <p className="meta">{word('intro')}</p>
      {docs.length > 1 ? (
        <fieldset className="versions-docs">
          <legend>{t('versions.doc.label')}</legend>
          {docs.map((name) => (
            <label key={name}>
              <input
                type="radio"
                name={`${id}-doc`}
                value={name}
                checked={doc === name}
                onChange={() => {
                  setDoc(name)
                  setSelected(null)
                }}
                data-testid={`versions.doc-${name}`}
              />{' '}
              {t(`versions.doc.${name}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {offline ? <p className="meta">{word('offline')}</p> : null}
      <ErrorAlert message={error} testId="versions.error" />
      <h4>{word('listHeading')}</h4>
      {versions === null && !error && !offline ? <p role="status">{t('app.loading')}</p> : null}
      {versions !== null && versions.length === 0 ? <p>{word('none')}</p> : null}
      {versions !== null && versions.length > 0 ? (
        <ol className="plain-list versions-list" reversed>
          {versions.map((version) => {
            const at = formatDateTime(version.at, i18n.language)
            const isSelected = version.id === selected
            return (
              <li key={version.id} className={isSelected ? 'selected' : undefined} data-testid="versions.item" data-reason={version.reason}>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={isSelected}
                  aria-controls={`${id}-compare`}
                  onClick={() => setSelected(isSelected ? null : version.id)}
                  data-testid="versions.show"
                >
                  {word('show', { at })}
                </button>
                <span className="meta">{describe(version)}</span>
              </li>
            )
          })}
        </ol>
      ) : null}
      <div id={`${id}-compare`}>
        {restored !== null && restored === selected ? (
          <p role="status" className="notice" data-testid="versions.notice">
            {t('versions.restored')}
          </p>
        ) : null}
        {current ? (
          <VersionCompare
            key={current.id}
            caseId={caseId}
            doc={doc}
            version={current}
            previous={previous ?? null}
            live={live ?? null}
            canRestore={canRestore && !offline}
            view={view}
            plain={plain}
            onRestored={handleRestored}
          />
        ) : null}
      </div>
    </section>
  )
}
