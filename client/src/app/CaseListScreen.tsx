import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import type { CaseSummary, CaseType } from '../../../shared/src/api/cases.js'
import { forgetCasesNotIn } from '../sync/forgetCase.js'
import { Limits } from '../../../shared/src/limits.js'
import { localToday } from '../../../shared/src/process/dates.js'
import { api } from '../api/endpoints.js'
import { onBackOnline } from '../api/reachability.js'
import { poolInvitationApi } from '../api/poolInvitationEndpoints.js'
import { useCaseload } from '../caseload/useCaseload.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { FormalTerm } from '../components/FormalTerm.js'
import { useAuth, useUser } from './AuthContext.js'
import { CaseloadView } from './caseload/CaseloadView.js'
import { GroupCopiesStart } from './supervision/GroupCopiesStart.js'
import { errorText } from './errorText.js'

/** The current time, moving every `everyMs` (relative "last synced" texts, today's date). */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

function PlainCaseList({ cases, testId }: { cases: readonly CaseSummary[]; testId?: string }) {
  const { t } = useTranslation()
  return (
    <ul className="case-list" data-testid={testId}>
      {cases.map((item) => (
        <li key={item.id} data-testid="cases.item" data-case-id={item.id}>
          <Link to={`/cases/${encodeURIComponent(item.id)}`} data-testid="cases.item-link">
            {item.title}
          </Link>
          {item.myRole === 'coachee' ? (
            // The coachee's words first; the formal terms stay as secondary text (issue 16).
            <span className="meta" data-testid="cases.item-meta">
              {t(`plain.cases.type.${item.type}`)}
              <FormalTerm term={`${t(`cases.type.${item.type}`)} · ${t('cases.role', { role: t(`roles.${item.myRole}`) })}`} />
            </span>
          ) : (
            <span className="meta" data-testid="cases.item-meta">
              {t(`cases.type.${item.type}`)} · {t('cases.role', { role: t(`roles.${item.myRole}`) })}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}

export function CaseListScreen() {
  const { t } = useTranslation()
  const user = useUser()
  const { sessionEnded } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  // A message carried over from the page that sent the user here (e.g. "case erased").
  const notice = (location.state as { notice?: unknown } | null)?.notice
  const id = useId()
  const [cases, setCases] = useState<CaseSummary[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [type, setType] = useState<CaseType>('placement')
  const [createError, setCreateError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [tandemShare, setTandemShare] = useState<number | undefined>(undefined)
  /** The list came from this device's last copy: fetched again once back online (or once the server answered late). */
  const [listFromCache, setListFromCache] = useState(false)
  const [listGeneration, setListGeneration] = useState(0)
  const now = useNow()
  const isStaff = user.kind === 'staff'
  // A supervisor without cases of their own lands on the group copies instead of "no cases".
  const [hasGroupCopies, setHasGroupCopies] = useState(false)
  const coachCases = useMemo(() => (cases === null ? null : cases.filter((item) => item.myRole === 'coach')), [cases])
  const otherCases = useMemo(() => (cases ?? []).filter((item) => item.myRole !== 'coach'), [cases])
  const caseloadData = useCaseload(user.id, user.name, coachCases, sessionEnded)
  // A coachee and nothing else reads about "your job coaching", not a list of cases.
  const onlyCoachee = !isStaff && cases !== null && cases.length > 0 && cases.every((item) => item.myRole === 'coachee')

  // An invited pool applicant not yet matched to a case starts on the application (issue 20); not right after withdrawing it.
  useEffect(() => {
    if (!isStaff || notice !== undefined) {
      return
    }
    poolInvitationApi
      .standing()
      .then(({ data }) => {
        if (data.poolOnly) {
          void navigate('/pool', { replace: true })
        }
      })
      .catch(() => {})
  }, [isStaff, notice, navigate])

  const handleAuthError = useCallback(
    (err: unknown): boolean => {
      if (err instanceof Error && 'status' in err && err.status === 401) {
        sessionEnded()
        return true
      }
      return false
    },
    [sessionEnded],
  )

  useEffect(() => {
    let cancelled = false
    api
      .cases(user.id)
      .then(({ data, fromCache }) => {
        if (!cancelled) {
          setCases(data.cases)
          setTandemShare(data.tandemShare)
          setListFromCache(fromCache)
        }
        if (!fromCache) {
          // Cases erased (or lost) while this device was away: keep nothing of them.
          void forgetCasesNotIn(user.id, new Set(data.cases.map((item) => item.id)))
        }
      })
      .catch((err: unknown) => {
        if (!cancelled && !handleAuthError(err)) {
          setLoadError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [user.id, t, handleAuthError, listGeneration])

  useEffect(() => (listFromCache ? onBackOnline(() => setListGeneration((generation) => generation + 1)) : undefined), [listFromCache])

  const handleCreate = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setCreateError(null)
    try {
      const { data } = await api.createCase({ title: title.trim(), type })
      await navigate(`/cases/${encodeURIComponent(data.case.id)}`)
    } catch (err) {
      if (!handleAuthError(err)) {
        setCreateError(errorText(t, err))
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack">
      <section aria-labelledby={`${id}-list`}>
        {/* A supervisor without cases of their own lands on the group copies: the page is named for them. */}
        <h1 id={`${id}-list`}>{t(onlyCoachee ? 'plain.cases.title' : cases?.length === 0 && hasGroupCopies ? 'supervision.heading' : 'cases.title')}</h1>
        {typeof notice === 'string' ? (
          <p role="status" className="notice" data-testid="cases.notice">
            {notice}
          </p>
        ) : null}
        <ErrorAlert message={loadError} testId="cases.error" />
        {cases === null && !loadError ? <p role="status">{t('app.loading')}</p> : null}
        {cases?.length === 0 && isStaff ? <GroupCopiesStart onFound={setHasGroupCopies} /> : null}
        {cases?.length === 0 && !hasGroupCopies ? <p data-testid="cases.empty">{t(isStaff ? 'cases.empty' : 'cases.emptyExternal')}</p> : null}
        {coachCases && coachCases.length > 0 ? (
          <CaseloadView
            cases={coachCases}
            cache={caseloadData.cache}
            offlineChoices={caseloadData.offlineChoices}
            sync={caseloadData.sync}
            readingLocal={caseloadData.readingLocal}
            onToggleOffline={caseloadData.setOfflineAvailable}
            today={localToday(new Date(now))}
            now={now}
            staffShare={user.staffSharePercent / 100}
            tandemShare={tandemShare}
          />
        ) : null}
        {otherCases.length > 0 && coachCases && coachCases.length > 0 ? (
          <section aria-labelledby={`${id}-others`} className="case-group" data-testid="cases.phase-group" data-phase="other">
            <h2 id={`${id}-others`}>{t('caseload.group.other')}</h2>
            <PlainCaseList cases={otherCases} />
          </section>
        ) : null}
        {otherCases.length > 0 && coachCases?.length === 0 ? <PlainCaseList cases={otherCases} testId="cases.list" /> : null}
      </section>
      {/* Employers and coachees (external accounts) cannot create cases: no staff form for them. */}
      {isStaff ? (
        <section aria-labelledby={`${id}-create`} className="card">
          <h2 id={`${id}-create`}>{t('cases.createHeading')}</h2>
          <form onSubmit={(event) => void handleCreate(event)} className="form">
            <label htmlFor={`${id}-title`}>{t('cases.createTitle')}</label>
            <input
              id={`${id}-title`}
              required
              maxLength={Limits.maxTitleLength}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              data-testid="cases.create-title"
            />
            <label htmlFor={`${id}-type`}>{t('cases.createType')}</label>
            <select id={`${id}-type`} value={type} onChange={(event) => setType(event.target.value as CaseType)} data-testid="cases.create-type">
              <option value="placement">{t('cases.type.placement')}</option>
              <option value="retention">{t('cases.type.retention')}</option>
            </select>
            <ErrorAlert message={createError} testId="cases.create-error" />
            {/* The list is this device's last copy (offline, or the server does not answer): a case is created only on the server. */}
            {listFromCache ? (
              <p className="notice" id={`${id}-create-offline`} data-testid="cases.create-offline">
                {t('cases.createOffline')}
              </p>
            ) : null}
            <button
              type="submit"
              className="primary"
              disabled={busy || listFromCache}
              aria-describedby={listFromCache ? `${id}-create-offline` : undefined}
              data-testid="cases.create-submit"
            >
              {t('cases.createSubmit')}
            </button>
          </form>
        </section>
      ) : null}
    </div>
  )
}
