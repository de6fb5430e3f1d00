/**
 * One supervision copy (route /supervision/:copyId): for its author before
 * the release the review (legend, redaction, extra identifiers, release);
 * for everyone who may open it the read-only copy, and once released the
 * group's discussion (Fallbesprechung) with named carets.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import type { CopyReview, SupervisionCopySummary } from '../../../../shared/src/api/supervision.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useCaseRoom } from '../../sync/useCaseRoom.js'
import { userColor } from '../../sync/userColor.js'
import { useUser } from '../AuthContext.js'
import { RoomClosedMessage } from '../case/RoomClosedMessage.js'
import { errorText } from '../errorText.js'
import { useHeaderSyncState } from '../useHeaderSyncState.js'
import { formatDateTime } from '../format.js'
import { CopyView } from './CopyView.js'
import { DiscussionEditor } from './DiscussionEditor.js'
import { ReviewPanel } from './ReviewPanel.js'
import { supervisionApi } from './supervisionApi.js'
import './supervision.css'

function reviewFromState(state: unknown): CopyReview | null {
  if (state !== null && typeof state === 'object' && 'review' in state) {
    return (state as { review: CopyReview }).review
  }
  return null
}

export function SupervisionCopyScreen() {
  const { t, i18n } = useTranslation()
  const { copyId = '' } = useParams()
  const location = useLocation()
  const navigate = useNavigate()
  const user = useUser()
  const [copy, setCopy] = useState<SupervisionCopySummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const copyElement = useRef<HTMLDivElement>(null)
  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const caretUser = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.id, user.name])

  useEffect(() => {
    setCopy(null)
    supervisionApi
      .copy(copyId)
      .then(({ data }) => setCopy(data.copy))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [copyId, t])

  const copyRoom = useCaseRoom(copy?.room ?? null, copy?.access.copy ?? 'none', roomUser)
  const discussion = useCaseRoom(copy && copy.access.discussion !== 'none' ? copy.discussionRoom : null, copy?.access.discussion ?? 'none', roomUser)
  // The group writes the discussion: the header says whether it is saved and synced, as on a case.
  useHeaderSyncState([discussion.snapshot])

  const handleReplaced = useCallback(
    (nextId: string, review: CopyReview) => {
      void navigate(`/supervision/${encodeURIComponent(nextId)}`, { replace: true, state: { review } })
    },
    [navigate],
  )

  if (error) {
    return (
      <div className="stack">
        <ErrorAlert message={error} testId="supervision.copy-error" />
        <Link to="/supervision">{t('supervision.back')}</Link>
      </div>
    )
  }
  if (!copy) {
    return <p role="status">{t('app.loading')}</p>
  }
  const draft = copy.mine && copy.releasedAt === null
  return (
    <div className="stack">
      <p>
        <Link to="/supervision">{t('supervision.back')}</Link>
        {copy.mine && copy.sourceCaseId !== null ? (
          <>
            {' · '}
            <Link to={`/cases/${encodeURIComponent(copy.sourceCaseId)}`}>{t('supervision.toCase')}</Link>
          </>
        ) : null}
      </p>
      <h1>{t('supervision.copyHeading')}</h1>
      <p data-testid="supervision.copy-state" data-released={copy.releasedAt === null ? 'false' : 'true'}>
        {copy.releasedAt === null
          ? t('supervision.state.draft')
          : t('supervision.state.released', { group: copy.releasedGroupName ?? '', at: formatDateTime(copy.releasedAt, i18n.language) })}{' '}
        {t('supervision.state.author', { name: copy.authorName })}
      </p>
      <p className="badge">{t('case.readOnly')}</p>
      {draft ? (
        <ReviewPanel
          key={copy.id}
          copy={copy}
          copyElement={copyElement}
          initialReview={reviewFromState(location.state)}
          onReplaced={handleReplaced}
          onReleased={setCopy}
        />
      ) : null}
      <RoomClosedMessage snapshot={copyRoom.snapshot} />
      <div ref={copyElement}>{copyRoom.room ? <CopyView room={copyRoom.room} localLoaded={copyRoom.snapshot?.facts.localLoaded ?? false} /> : null}</div>
      {discussion.room ? (
        <>
          <RoomClosedMessage snapshot={discussion.snapshot} />
          <DiscussionEditor room={discussion.room} writable={discussion.snapshot?.writable ?? false} caretUser={caretUser} />
        </>
      ) : null}
    </div>
  )
}
