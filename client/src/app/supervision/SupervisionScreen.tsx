/**
 * The supervision start (route /supervision): the copies released to the
 * caller's groups (Fallsupervision, Intervision) and the caller's own copies.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { SupervisionCopySummary } from '../../../../shared/src/api/supervision.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { supervisionApi } from './supervisionApi.js'
import './supervision.css'

/** Supervision copies as links, with their state and author. */
export function CopyList({ copies, testId, empty }: { copies: readonly SupervisionCopySummary[]; testId: string; empty: string }) {
  const { t, i18n } = useTranslation()
  if (copies.length === 0) {
    return <p>{empty}</p>
  }
  return (
    <ul className="plain-list stack" data-testid={testId}>
      {copies.map((copy) => (
        <li key={copy.id} className="card" data-testid="supervision.copy-item">
          <Link to={`/supervision/${encodeURIComponent(copy.id)}`}>{copy.title.trim() === '' ? t('supervision.untitled') : copy.title}</Link>
          <div className="meta">
            {copy.releasedAt === null
              ? t('supervision.state.draft')
              : t('supervision.state.released', { group: copy.releasedGroupName ?? '', at: formatDateTime(copy.releasedAt, i18n.language) })}{' '}
            {t('supervision.state.author', { name: copy.authorName })}
          </div>
        </li>
      ))}
    </ul>
  )
}

/** The copies released to the caller's groups (the caller takes part in their discussion). */
export function groupCopies(copies: readonly SupervisionCopySummary[]): SupervisionCopySummary[] {
  return copies.filter((copy) => copy.releasedAt !== null && copy.access.discussion === 'write')
}

export function SupervisionScreen() {
  const { t } = useTranslation()
  const id = useId()
  const [copies, setCopies] = useState<SupervisionCopySummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    supervisionApi
      .copies()
      .then(({ data }) => setCopies(data.copies))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  const released = groupCopies(copies ?? [])
  const mine = (copies ?? []).filter((copy) => copy.mine)
  return (
    <div className="stack">
      <h1>{t('supervision.heading')}</h1>
      <p>{t('supervision.intro')}</p>
      <ErrorAlert message={error} testId="supervision.list-error" />
      {copies === null && !error ? <p role="status">{t('app.loading')}</p> : null}
      <section aria-labelledby={`${id}-groups`}>
        <h2 id={`${id}-groups`}>{t('supervision.groupCopies')}</h2>
        <CopyList copies={released} testId="supervision.group-copies" empty={t('supervision.noGroupCopies')} />
      </section>
      <section aria-labelledby={`${id}-mine`}>
        <h2 id={`${id}-mine`}>{t('supervision.myCopies')}</h2>
        <CopyList copies={mine} testId="supervision.my-copies" empty={t('supervision.noMyCopies')} />
      </section>
    </div>
  )
}
