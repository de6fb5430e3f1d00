import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { CaseDetail } from '../../../shared/src/api/cases.js'
import { accessTo, type Access } from '../../../shared/src/policy/access.js'
import { formatRoomName, type RoomName } from '../../../shared/src/protocol/roomName.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import type { CaseRoomSnapshot } from '../sync/CaseRoom.js'
import { aggregateSyncState, type SyncState } from '../sync/syncState.js'
import { useCaseRoom } from '../sync/useCaseRoom.js'
import { userColor } from '../sync/userColor.js'
import { useAuth, useUser } from './AuthContext.js'
import { MembersPanel } from './case/MembersPanel.js'
import { NotesEditor } from './case/NotesEditor.js'
import { PlanEditor } from './case/PlanEditor.js'
import { errorText } from './errorText.js'
import { useSyncIndicator } from './SyncIndicatorContext.js'

type Tab = 'plan' | 'notes' | 'members'

/**
 * The caller's access to a room: what the server listed in `rooms`, and
 * never more than the shared policy allows for the caller's role.
 */
function roomAccess(detail: CaseDetail | null, room: RoomName): Access {
  if (!detail || !('caseId' in room)) {
    return 'none'
  }
  const policy = accessTo(room.kind, detail.myRole, { employerCanEdit: detail.employerCanEdit })
  const listed = detail.rooms.find((entry) => entry.name === formatRoomName(room))?.access
  if (listed === undefined) {
    return policy
  }
  const rank = { none: 0, read: 1, write: 2 } as const
  return rank[listed] <= rank[policy] ? listed : policy
}

function RoomClosedMessage({ snapshot }: { snapshot: CaseRoomSnapshot | null }) {
  const { t } = useTranslation()
  if (!snapshot) {
    return null
  }
  if (snapshot.closedReason === 'accessRevoked' || snapshot.closedReason === 'erased' || snapshot.closedReason === 'sessionEnded') {
    return (
      <p role="alert" className="alert" data-testid="case.room-closed" data-reason={snapshot.closedReason}>
        {t(`case.${snapshot.closedReason}`)}
      </p>
    )
  }
  if (snapshot.problem) {
    return (
      <p role="alert" className="alert" data-testid="case.room-problem">
        {t('case.problem', { code: snapshot.problem.code, reason: snapshot.problem.reason })}
      </p>
    )
  }
  return null
}

export function CaseScreen() {
  const { t } = useTranslation()
  const { caseId = '' } = useParams()
  const user = useUser()
  const { sessionEnded } = useAuth()
  const { setState: setHeaderSyncState } = useSyncIndicator()
  const id = useId()
  const [detail, setDetail] = useState<CaseDetail | null>(null)
  const [fromCache, setFromCache] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('plan')
  const [reloadCounter, setReloadCounter] = useState(0)
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})

  useEffect(() => {
    let cancelled = false
    api
      .case(user.id, caseId)
      .then(({ data, fromCache: cached }) => {
        if (!cancelled) {
          setDetail(data.case)
          setFromCache(cached)
          setError(null)
        }
      })
      .catch((err: unknown) => {
        if (cancelled) {
          return
        }
        if (err instanceof ApiError && err.status === 401) {
          sessionEnded()
          return
        }
        setError(err instanceof ApiError && (err.status === 404 || err.status === 403) ? t('case.notFound') : errorText(t, err))
      })
    return () => {
      cancelled = true
    }
  }, [user.id, caseId, reloadCounter, sessionEnded, t])

  const planAccess = roomAccess(detail, { kind: 'plan', caseId })
  const notesAccess = roomAccess(detail, { kind: 'notes', caseId })
  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const caretUser = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.id, user.name])
  const plan = useCaseRoom(detail ? formatRoomName({ kind: 'plan', caseId }) : null, planAccess, roomUser, sessionEnded)
  const notes = useCaseRoom(detail ? formatRoomName({ kind: 'notes', caseId }) : null, notesAccess, roomUser, sessionEnded)

  const aggregate: SyncState | null = aggregateSyncState(
    [plan.snapshot, notes.snapshot].filter((s): s is CaseRoomSnapshot => s !== null && s.closedReason === null).map((s) => s.state),
  )
  useEffect(() => {
    setHeaderSyncState(aggregate)
  }, [aggregate, setHeaderSyncState])
  useEffect(() => () => setHeaderSyncState(null), [setHeaderSyncState])

  const reload = useCallback(() => setReloadCounter((n) => n + 1), [])
  // Loaded from the offline cache: fetch the fresh case once back online.
  useEffect(() => {
    if (!fromCache) {
      return undefined
    }
    window.addEventListener('online', reload)
    return () => window.removeEventListener('online', reload)
  }, [fromCache, reload])

  if (error) {
    return (
      <div className="stack">
        <ErrorAlert message={error} testId="case.error" />
        <Link to="/">{t('case.back')}</Link>
      </div>
    )
  }
  if (!detail) {
    return <p role="status">{t('app.loading')}</p>
  }

  const tabs: Tab[] = notesAccess === 'none' ? ['plan', 'members'] : ['plan', 'notes', 'members']
  const handleTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const index = tabs.indexOf(tab)
    let next: Tab | undefined
    if (event.key === 'ArrowRight') {
      next = tabs[(index + 1) % tabs.length]
    } else if (event.key === 'ArrowLeft') {
      next = tabs[(index - 1 + tabs.length) % tabs.length]
    } else if (event.key === 'Home') {
      next = tabs[0]
    } else if (event.key === 'End') {
      next = tabs[tabs.length - 1]
    }
    if (next) {
      event.preventDefault()
      setTab(next)
      tabRefs.current[next]?.focus()
    }
  }

  return (
    <div className="stack case" data-testid="case.view" data-case-id={detail.id}>
      <div>
        <Link to="/" className="back-link">
          ← {t('case.back')}
        </Link>
        <h1 data-testid="case.title">{detail.title}</h1>
        <p className="meta">
          {t(`cases.type.${detail.type}`)} · {t('cases.role', { role: t(`roles.${detail.myRole}`) })}
        </p>
      </div>
      <div role="tablist" aria-label={t('case.tabsLabel')} className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            onKeyDown={handleTabKey}
            data-testid={`case.tab.${name}`}
          >
            {t(`case.tab.${name}`)}
          </button>
        ))}
      </div>

      <section role="tabpanel" id={`${id}-panel-plan`} aria-labelledby={`${id}-tab-plan`} hidden={tab !== 'plan'} tabIndex={0} className="panel">
        <h2 className="visually-hidden">{t('plan.heading')}</h2>
        <RoomClosedMessage snapshot={plan.snapshot} />
        {plan.room && plan.snapshot && plan.snapshot.closedReason === null ? (
          <PlanEditor room={plan.room} localLoaded={plan.snapshot.facts.localLoaded} caretUser={caretUser} />
        ) : null}
      </section>
      {notesAccess !== 'none' ? (
        <section role="tabpanel" id={`${id}-panel-notes`} aria-labelledby={`${id}-tab-notes`} hidden={tab !== 'notes'} tabIndex={0} className="panel">
          <h2 className="visually-hidden">{t('notes.heading')}</h2>
          <RoomClosedMessage snapshot={notes.snapshot} />
          {notes.room && notes.snapshot && notes.snapshot.closedReason === null ? (
            <NotesEditor room={notes.room} localLoaded={notes.snapshot.facts.localLoaded} caretUser={caretUser} />
          ) : null}
        </section>
      ) : null}
      <section role="tabpanel" id={`${id}-panel-members`} aria-labelledby={`${id}-tab-members`} hidden={tab !== 'members'} tabIndex={0} className="panel">
        <h2 className="visually-hidden">{t('members.heading')}</h2>
        <MembersPanel detail={detail} offline={fromCache} onChanged={reload} />
      </section>
    </div>
  )
}
