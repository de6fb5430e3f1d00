import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type { Agreement } from '../../../shared/src/api/agreements.js'
import type { CaseDetail } from '../../../shared/src/api/cases.js'
import { accessTo, type Access } from '../../../shared/src/policy/access.js'
import { formatRoomName, type RoomName } from '../../../shared/src/protocol/roomName.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import type { CaseRoomSnapshot } from '../sync/CaseRoom.js'
import { aggregateSyncState, type SyncState } from '../sync/syncState.js'
import { useCaseRoom } from '../sync/useCaseRoom.js'
import { userColor } from '../sync/userColor.js'
import { useAuth, useUser } from './AuthContext.js'
import { usePlanHash } from '../agreements/planHash.js'
import { planAgreedFact } from '../agreements/agreementStatus.js'
import { updateCachedCase } from '../caseload/summaryStore.js'
import { summariseCaseDocs } from '../../../shared/src/process/caseSummary.js'
import { interimScheduleOf, isFinalReportWritten, lastInterimReportDate } from '../../../shared/src/report/parts.js'
import { interimReportDue } from '../../../shared/src/report/schedule.js'
import { useCaseEvents, type CaseChange } from '../hooks/useCaseEvents.js'
import { AgreementPanel } from './case/AgreementPanel.js'
import { AuditPanel } from './case/AuditPanel.js'
import { InvitationsPanel } from './case/InvitationsPanel.js'
import { MembersPanel } from './case/MembersPanel.js'
import { LocalProblemMessage } from './case/LocalProblem.js'
import { RoomClosedMessage } from './case/RoomClosedMessage.js'
import { NotesEditor } from './case/NotesEditor.js'
import { PlainPlanView } from './case/PlainPlanView.js'
import { PlanEditor } from './case/PlanEditor.js'
import { ConfidentialPanel } from './case/confidential/ConfidentialPanel.js'
import { ConsentPanel } from './case/confidential/ConsentPanel.js'
import { SharedFieldsPanel } from './case/confidential/SharedFieldsPanel.js'
import { useConsentGrants } from './case/confidential/useConsentGrants.js'
import { ConfidentialFields, type ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import { dropLocalCopies } from '../sync/localData.js'
import { forgetCase } from '../sync/forgetCase.js'
import { DataProtectionPanel } from './case/dataProtection/DataProtectionPanel.js'
import { CaseProcessSummary } from './case/process/CaseProcessSummary.js'
import { CaseTypeSelect } from './case/process/CaseTypeSelect.js'
import { CreateCopyButton } from './supervision/CreateCopyButton.js'
import { HoursPanel } from './case/process/HoursPanel.js'
import { MeetingsPanel } from './case/process/MeetingsPanel.js'
import { ProcessPanel } from './case/process/ProcessPanel.js'
import { useDocValue, useNotesRead, usePlanRead, valueOf } from './case/process/useCaseDocs.js'
import { localToday } from '../../../shared/src/process/dates.js'
import type { CompletenessTarget } from '../../../shared/src/process/completeness.js'
import { initialPlanView, rememberPlanView, type PlanView } from './case/planView.js'
import { errorText } from './errorText.js'
import { formatDate, formatDateTime } from './format.js'
import { useCaseDetail } from './useCaseDetail.js'
import { useSyncIndicator } from './SyncIndicatorContext.js'

type Tab = 'plan' | 'process' | 'meetings' | 'hours' | 'notes' | 'confidential' | 'consents' | 'members' | 'audit' | 'data'

/** Tabs of the job-coaching process: labelled under `process.tabs`, test ids `<name>.tab`. */
const processTabs: readonly Tab[] = ['process', 'meetings', 'hours']

/**
 * The caller's access to a room: what the server listed in `rooms`, and
 * never more than the shared policy allows for the caller's role. Consent
 * grants live on the server, so its listing of a confidential room is the
 * fact "holds an active grant"; a room it does not list stays closed to an
 * employer.
 */
function roomAccess(detail: CaseDetail | null, room: RoomName): Access {
  if (!detail || !('caseId' in room)) {
    return 'none'
  }
  const listed = detail.rooms.find((entry) => entry.name === formatRoomName(room))?.access
  const policy = accessTo(room.kind, detail.myRole, {
    employerCanEdit: detail.employerCanEdit,
    hasActiveConsent: listed !== undefined && listed !== 'none',
    caseClosed: detail.closedAt !== null,
  })
  if (listed === undefined) {
    return policy
  }
  const rank = { none: 0, read: 1, write: 2 } as const
  return rank[listed] <= rank[policy] ? listed : policy
}

/** Coach only: lets the employer co-edit the measure plan (PATCH employerCanEdit). */
function EmployerCanEditSwitch({ detail, offline, onChanged }: { detail: CaseDetail; offline: boolean; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const toggle = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.updateCase(detail.id, { employerCanEdit: !detail.employerCanEdit })
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="switch-row">
      <button
        type="button"
        role="switch"
        id={`${id}-switch`}
        aria-checked={detail.employerCanEdit}
        aria-describedby={`${id}-help`}
        className="switch"
        disabled={busy || offline}
        onClick={() => void toggle()}
        data-testid="case.employer-can-edit"
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">{t('case.employerCanEdit')}</span>
        <span className="switch-state" aria-hidden="true">
          {detail.employerCanEdit ? t('case.on') : t('case.off')}
        </span>
      </button>
      <p id={`${id}-help`} className="meta">
        {t(detail.employerCanEdit ? 'case.employerCanEditOnHelp' : 'case.employerCanEditOffHelp')}
      </p>
      <ErrorAlert message={error} testId="case.employer-can-edit-error" />
    </div>
  )
}

function tabsFor(role: CaseDetail['myRole'], notesAccess: Access, confidentialReadable: boolean): Tab[] {
  const confidential: Tab[] = confidentialReadable ? ['confidential'] : []
  if (role === 'coachee') {
    return ['plan', ...confidential, 'consents', 'data']
  }
  if (role === 'employer') {
    return ['plan', 'consents']
  }
  return notesAccess === 'none'
    ? ['plan', ...confidential, 'consents', 'members', 'audit', 'data']
    : ['plan', 'process', 'meetings', 'hours', 'notes', ...confidential, 'consents', 'members', 'audit', 'data']
}

/** The six confidential rooms of a case with the caller's access to each. */
function confidentialAccess(detail: CaseDetail | null, caseId: string): Record<ConfidentialField, Access> {
  return Object.fromEntries(
    ConfidentialFields.map((field) => [field, roomAccess(detail, { kind: 'confidential', caseId, field })]),
  ) as Record<ConfidentialField, Access>
}

export function CaseScreen() {
  const { t, i18n } = useTranslation()
  const { caseId = '' } = useParams()
  const user = useUser()
  const { sessionEnded } = useAuth()
  const { setState: setHeaderSyncState } = useSyncIndicator()
  const id = useId()
  const [tab, setTab] = useState<Tab>('plan')
  const [reloadCounter, setReloadCounter] = useState(0)
  const [agreementsKey, setAgreementsKey] = useState(0)
  const [invitationsKey, setInvitationsKey] = useState(0)
  const [consentsKey, setConsentsKey] = useState(0)
  const [fieldSnapshots, setFieldSnapshots] = useState<Partial<Record<ConfidentialField, CaseRoomSnapshot>>>({})
  const [viewChoice, setViewChoice] = useState<PlanView | null>(null)
  const [agreementData, setAgreementData] = useState<{ caseId: string; agreements: Agreement[]; serverHash: string | null } | null>(null)
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({})
  const headingRef = useRef<HTMLHeadingElement>(null)
  const focusedFor = useRef<string | null>(null)

  const { detail, fromCache, error } = useCaseDetail(caseId, reloadCounter)

  // Focus the case's heading once it has loaded after navigating here.
  useEffect(() => {
    if (detail && focusedFor.current !== detail.id) {
      focusedFor.current = detail.id
      headingRef.current?.focus()
    }
  }, [detail])

  const planAccess = roomAccess(detail, { kind: 'plan', caseId })
  const notesAccess = roomAccess(detail, { kind: 'notes', caseId })
  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const caretUser = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.id, user.name])
  const plan = useCaseRoom(detail ? formatRoomName({ kind: 'plan', caseId }) : null, planAccess, roomUser, sessionEnded)
  const notes = useCaseRoom(detail ? formatRoomName({ kind: 'notes', caseId }) : null, notesAccess, roomUser, sessionEnded)

  const confidentialAccessOf = confidentialAccess(detail, caseId)
  const accessOfField = (field: ConfidentialField): Access => confidentialAccessOf[field]
  const handleFieldSnapshot = useCallback((field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => {
    setFieldSnapshots((previous) => {
      if ((previous[field] ?? null) === snapshot) {
        return previous
      }
      const next = { ...previous }
      if (snapshot === null) {
        delete next[field]
      } else {
        next[field] = snapshot
      }
      return next
    })
  }, [])

  // The header's state covers every open room, confidential fields included.
  const aggregate: SyncState | null = aggregateSyncState(
    [plan.snapshot, notes.snapshot, ...Object.values(fieldSnapshots)]
      .filter((s): s is CaseRoomSnapshot => s !== null && s !== undefined && s.closedReason === null)
      .map((s) => s.state),
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

  // Server-sent events: re-read what changed (access changes switch the open rooms in place).
  const handleCaseChange = useCallback(
    (what: CaseChange) => {
      // A grant, revocation or lapse changes the rooms the server lists for the caller.
      if (what === 'case' || what === 'members' || what === 'access' || what === 'consents' || what === 'all') {
        reload()
      }
      if (what === 'consents' || what === 'members' || what === 'access' || what === 'all') {
        setConsentsKey((n) => n + 1)
      }
      if (what === 'agreements' || what === 'members' || what === 'all') {
        setAgreementsKey((n) => n + 1)
      }
      if (what === 'invitations' || what === 'members' || what === 'all') {
        setInvitationsKey((n) => n + 1)
      }
    },
    [reload],
  )
  useCaseEvents(caseId, detail !== null, handleCaseChange)

  const consents = useConsentGrants(caseId, user.id, detail !== null, consentsKey)

  // Contract §4: no local copy of a room the server no longer lets the user
  // read. Most revocations end here rather than in CaseRoom's 4403 handler:
  // the browser reports the server's close only after the closing handshake,
  // and by then the 'consents' event has usually re-read the case and
  // unmounted the field (its socket closed locally, the 4403 never seen). It
  // also covers a consent revoked or lapsed while this device was offline or
  // the page closed. A delete waits until the unmounted room's database
  // connection has closed.
  useEffect(() => {
    if (!detail || fromCache) {
      return
    }
    const unreadable = detail.rooms.filter((room) => room.access === 'none').map((room) => room.name)
    if (unreadable.length > 0) {
      void dropLocalCopies(user.id, unreadable)
    }
  }, [detail, fromCache, user.id])

  // Issue 10: a room answered 4404, so the case was erased: this device keeps nothing of it.
  const erased = plan.snapshot?.closedReason === 'erased' || notes.snapshot?.closedReason === 'erased'
  useEffect(() => {
    if (erased) {
      void forgetCase(user.id, caseId)
    }
  }, [erased, user.id, caseId])

  // The live plan hash, once the local plan reflects the server (or is all there is, offline).
  const planFacts = plan.snapshot?.facts
  const planReady = planFacts !== undefined && (planFacts.synced || (planFacts.localLoaded && !planFacts.connected && !planFacts.firstConnecting))
  const liveHash = usePlanHash(plan.room && planReady ? plan.room.doc : null)

  // The job-coaching process (coaches): plan and notes read as plain values for the rules in shared/src/process.
  const planOpenForProcess = plan.room !== null && plan.snapshot !== null && plan.snapshot.closedReason === null
  const notesOpen = notes.room !== null && notes.snapshot !== null && notes.snapshot.closedReason === null
  const planValue = valueOf(usePlanRead(planOpenForProcess && plan.room ? plan.room.doc : null))
  const notesValue = valueOf(useNotesRead(notesOpen && notes.room ? notes.room.doc : null))
  const reportWritten = useDocValue(notesOpen && notes.room ? notes.room.doc : null, isFinalReportWritten)
  const lastInterim = useDocValue(notesOpen && notes.room ? notes.room.doc : null, lastInterimReportDate)
  const interimSchedule = useDocValue(notesOpen && notes.room ? notes.room.doc : null, interimScheduleOf)
  const handleAgreementsLoaded = useCallback(
    (agreements: Agreement[], serverHash: string | null) => setAgreementData({ caseId, agreements, serverHash }),
    [caseId],
  )

  // Keep the caseload page's summary of this case fresh while it is open and in sync.
  const lastSummaryWrite = useRef(0)
  const bothSynced = plan.snapshot?.state === 'synced' && notes.snapshot?.state === 'synced'
  useEffect(() => {
    if (!detail || detail.myRole !== 'coach' || !bothSynced || !plan.room || !notes.room || !planValue) {
      return
    }
    const now = Date.now()
    if (now - lastSummaryWrite.current < 30_000) {
      return
    }
    lastSummaryWrite.current = now
    updateCachedCase(user.id, detail.id, { summary: summariseCaseDocs(plan.room.doc, notes.room.doc), lastSyncedAt: new Date(now).toISOString() })
  }, [detail, bothSynced, plan.room, notes.room, planValue, notesValue, user.id])

  const [pendingFocus, setPendingFocus] = useState<string | null>(null)
  useEffect(() => {
    if (pendingFocus === null) {
      return undefined
    }
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById(pendingFocus)
      target?.focus()
      target?.scrollIntoView({ block: 'start' })
      setPendingFocus(null)
    })
    return () => cancelAnimationFrame(frame)
  }, [pendingFocus, tab])

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

  const role = detail.myRole
  const isCoach = role === 'coach'
  const view: PlanView = role === 'coachee' ? (viewChoice ?? initialPlanView(user.id, role)) : 'full'
  const plain = view === 'plain'
  const chooseView = (next: PlanView): void => {
    rememberPlanView(user.id, next)
    setViewChoice(next)
  }
  const confidentialReadable = ConfidentialFields.some((field) => confidentialAccessOf[field] !== 'none')
  const tabs = tabsFor(role, notesAccess, confidentialReadable)
  const today = localToday()
  const myMember = detail.members.find((member) => member.userId === user.id) ?? null
  const company = planValue?.meta.employerName?.trim() || null
  const tabLabel = (name: Tab): string => {
    if (processTabs.includes(name)) {
      return t(`process.tabs.${name}`)
    }
    if (role === 'coachee' && plain && (name === 'plan' || name === 'confidential' || name === 'consents' || name === 'data')) {
      return t(`plain.tab.${name}`)
    }
    return t(`case.tab.${name}`)
  }
  const activeTab: Tab = tabs.includes(tab) ? tab : 'plan'
  const handleTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const index = tabs.indexOf(activeTab)
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
  const withTabs = tabs.length > 1
  const caseLink = `/cases/${encodeURIComponent(detail.id)}`
  const showReportLinks = isCoach && notesAccess !== 'none'
  const linkFor = (target: CompletenessTarget): string | null => (target.tab === 'report' && showReportLinks ? `${caseLink}/report/final` : null)
  const agreementsHere = agreementData !== null && agreementData.caseId === detail.id ? agreementData : null
  const planAgreed = planValue
    ? planAgreedFact(agreementsHere?.agreements ?? null, detail.members, liveHash ?? agreementsHere?.serverHash ?? null, planValue.meta.currentPhase)
    : undefined
  const interimDue =
    planValue?.meta.startDate !== undefined && notesValue ? interimReportDue(planValue.meta.startDate, localToday(), interimSchedule, lastInterim) : null
  const canGoTo = (target: CompletenessTarget): boolean => target.tab !== 'report' && tabs.includes(target.tab)
  const goTo = (target: CompletenessTarget): boolean => {
    if (!canGoTo(target)) {
      return false
    }
    setTab(target.tab as Tab)
    setPendingFocus(
      target.goalId ? `goal-${target.goalId}` : target.phase ? `phase-${target.phase}` : `${id}-panel-${target.tab}`,
    )
    return true
  }
  const panelProps = (name: Tab) =>
    withTabs
      ? { role: 'tabpanel', id: `${id}-panel-${name}`, 'aria-labelledby': `${id}-tab-${name}`, hidden: activeTab !== name, tabIndex: 0 }
      : { 'aria-labelledby': `${id}-plan-h` }

  const planWritable = plan.snapshot?.writable ?? false
  const planOpen = plan.room !== null && plan.snapshot !== null && plan.snapshot.closedReason === null
  let readOnlyNotice: ReactNode = null
  if (planOpen && !planWritable) {
    readOnlyNotice = (
      <p role="status" className="notice" data-testid="plan.readonly-notice">
        {t(plain ? 'plain.readOnly' : role === 'employer' ? 'plan.readOnlyEmployer' : 'plan.readOnly')}
      </p>
    )
  } else if (planOpen && role === 'employer') {
    readOnlyNotice = (
      <p role="status" className="notice" data-testid="plan.coedit-notice">
        {t('plan.employerMayEdit')}
      </p>
    )
  }

  return (
    <div className={`stack case${plain ? ' plain' : ''}`} data-testid="case.view" data-case-id={detail.id} data-role={role} data-view={view}>
      <div>
        <Link to="/" className="back-link">
          ← {t('case.back')}
        </Link>
        <h1 data-testid="case.title" ref={headingRef} tabIndex={-1}>
          {detail.title}
        </h1>
        <p className="meta">
          {t(`cases.type.${detail.type}`)} · {t('cases.role', { role: t(`roles.${role}`) })}
        </p>
        {detail.closedAt !== null ? (
          <p role="status" className="notice" data-testid="case.closed-notice">
            {t('dataProtection.closedOn', { date: formatDateTime(detail.closedAt, i18n.language) })}{' '}
            {detail.erasesAt !== null ? t('dataProtection.erasesOn', { date: formatDate(detail.erasesAt.slice(0, 10), i18n.language) }) : null}
          </p>
        ) : null}
        {showReportLinks ? (
          <nav aria-label={t('case.links.label')} className="case-links">
            <Link to={`${caseLink}/report/interim`} data-testid="case.link.interim-report">
              {t('case.links.interimReport')}
            </Link>
            <Link to={`${caseLink}/report/final`} data-testid="case.link.final-report">
              {t('case.links.finalReport')}
            </Link>
            <Link to={`${caseLink}/read`} data-testid="case.link.reading">
              {t('case.links.reading')}
            </Link>
          </nav>
        ) : null}
        {isCoach ? <CreateCopyButton caseId={caseId} /> : null}
      </div>
      {isCoach && planValue && notesValue ? (
        <CaseProcessSummary
          plan={planValue}
          notes={notesValue}
          today={localToday()}
          planAgreed={planAgreed}
          reportWritten={reportWritten}
          onGoTo={goTo}
          canGoTo={canGoTo}
          linkFor={linkFor}
          interimDue={interimDue}
          interimLink={`${caseLink}/report/interim`}
        />
      ) : null}
      {withTabs ? (
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
              aria-selected={activeTab === name}
              aria-controls={`${id}-panel-${name}`}
              tabIndex={activeTab === name ? 0 : -1}
              onClick={() => setTab(name)}
              onKeyDown={handleTabKey}
              data-testid={processTabs.includes(name) ? `${name}.tab` : `case.tab.${name}`}
            >
              {tabLabel(name)}
            </button>
          ))}
        </div>
      ) : null}

      <section {...panelProps('plan')} className="panel">
        <div className="panel-head">
          <h2 id={`${id}-plan-h`} className={withTabs ? 'visually-hidden' : undefined}>
            {t(plain ? 'plain.heading' : 'plan.heading')}
          </h2>
          {role === 'coachee' ? (
            <button type="button" aria-pressed={!plain} onClick={() => chooseView(plain ? 'full' : 'plain')} data-testid="plan.view-toggle">
              {t(plain ? 'plain.showAll' : 'plain.showPlain')}
            </button>
          ) : null}
        </div>
        {isCoach ? <EmployerCanEditSwitch detail={detail} offline={fromCache} onChanged={reload} /> : null}
        {isCoach ? <CaseTypeSelect caseId={detail.id} type={detail.type} offline={fromCache} onChanged={reload} /> : null}
        <RoomClosedMessage snapshot={plan.snapshot} />
        <LocalProblemMessage room={plan.room} snapshot={plan.snapshot} />
        {readOnlyNotice}
        {planOpen && plan.room && plan.snapshot ? (
          plain ? (
            <PlainPlanView room={plan.room} localLoaded={plan.snapshot.facts.localLoaded} caretUser={caretUser} />
          ) : (
            <PlanEditor
              room={plan.room}
              localLoaded={plan.snapshot.facts.localLoaded}
              caretUser={caretUser}
              writable={planWritable}
              role={role}
              coachNotes={isCoach ? notesValue : undefined}
            />
          )
        ) : null}
        {role === 'employer' ? (
          <SharedFieldsPanel
            caseId={detail.id}
            detail={detail}
            myMemberId={myMember?.id ?? null}
            accessOf={accessOfField}
            grants={consents.grants}
            today={today}
            roomUser={roomUser}
            caretUser={caretUser}
            onSessionEnded={sessionEnded}
            onSnapshot={handleFieldSnapshot}
          />
        ) : null}
        {planAccess !== 'none' ? (
          <AgreementPanel
            detail={detail}
            userId={user.id}
            liveHash={liveHash}
            canAgreeNow={planOpen && plan.snapshot?.state === 'synced'}
            offline={fromCache}
            view={view}
            refreshKey={agreementsKey}
            onLoaded={handleAgreementsLoaded}
          />
        ) : null}
      </section>
      {tabs.includes('process') ? (
        <section {...panelProps('process')} className="panel">
          <h2 className="visually-hidden">{t('process.tabs.process')}</h2>
          <RoomClosedMessage snapshot={notes.snapshot} />
          {planValue && notesValue && plan.room && notes.room ? (
            <ProcessPanel
              planDoc={plan.room.doc}
              notesDoc={notes.room.doc}
              plan={planValue}
              notes={notesValue}
              planWritable={planWritable}
              notesWritable={notes.snapshot?.writable ?? false}
              caseType={detail.type}
              onAdjustGoals={() => goTo({ tab: 'plan' })}
              notesAwareness={notes.room.provider.awareness}
            />
          ) : (
            <p role="status">{t('process.notReadable')}</p>
          )}
        </section>
      ) : null}
      {tabs.includes('meetings') ? (
        <section {...panelProps('meetings')} className="panel">
          <h2 className="visually-hidden">{t('process.tabs.meetings')}</h2>
          {notesValue && notes.room ? (
            <MeetingsPanel room={notes.room} meetings={notesValue.meetings} writable={notes.snapshot?.writable ?? false} caretUser={caretUser} />
          ) : (
            <p role="status">{t('process.notReadable')}</p>
          )}
        </section>
      ) : null}
      {tabs.includes('hours') ? (
        <section {...panelProps('hours')} className="panel">
          <h2 className="visually-hidden">{t('process.tabs.hours')}</h2>
          {notesValue && notes.room ? (
            <HoursPanel
              notesDoc={notes.room.doc}
              entries={notesValue.hours}
              budget={planValue?.meta.hoursBudget}
              currentPhase={planValue?.meta.currentPhase ?? 'analysis'}
              userId={user.id}
              members={detail.members}
              writable={notes.snapshot?.writable ?? false}
            />
          ) : (
            <p role="status">{t('process.notReadable')}</p>
          )}
        </section>
      ) : null}
      {tabs.includes('notes') ? (
        <section {...panelProps('notes')} className="panel">
          <h2 className="visually-hidden">{t('notes.heading')}</h2>
          <RoomClosedMessage snapshot={notes.snapshot} />
          <LocalProblemMessage room={notes.room} snapshot={notes.snapshot} />
          {notes.room && notes.snapshot && notes.snapshot.closedReason === null ? (
            <NotesEditor room={notes.room} localLoaded={notes.snapshot.facts.localLoaded} caretUser={caretUser} writable={notes.snapshot.writable} />
          ) : null}
        </section>
      ) : null}
      {tabs.includes('confidential') ? (
        <section {...panelProps('confidential')} className="panel">
          <h2 className="visually-hidden">{tabLabel('confidential')}</h2>
          {/* Mounted only while shown: each field is a room (a socket) of its own. */}
          {activeTab === 'confidential' && (role === 'coach' || role === 'coachee') ? (
            <ConfidentialPanel
              caseId={detail.id}
              role={role}
              accessOf={accessOfField}
              grants={consents.grants}
              today={today}
              roomUser={roomUser}
              caretUser={caretUser}
              onSessionEnded={sessionEnded}
              onSnapshot={handleFieldSnapshot}
            />
          ) : null}
        </section>
      ) : null}
      {tabs.includes('consents') ? (
        <section {...panelProps('consents')} className="panel">
          <h2 className="visually-hidden">{tabLabel('consents')}</h2>
          <ConsentPanel detail={detail} consents={consents} today={today} company={company} offline={fromCache} />
        </section>
      ) : null}
      {tabs.includes('members') ? (
        <section {...panelProps('members')} className="panel">
          <h2 className="visually-hidden">{t('members.heading')}</h2>
          <MembersPanel detail={detail} offline={fromCache} onChanged={reload} />
          {isCoach ? <InvitationsPanel caseId={detail.id} offline={fromCache} refreshKey={invitationsKey} /> : null}
        </section>
      ) : null}
      {tabs.includes('data') ? (
        <section {...panelProps('data')} className="panel">
          <h2 className="visually-hidden">{tabLabel('data')}</h2>
          <DataProtectionPanel detail={detail} userId={user.id} reportWritten={reportWritten} offline={fromCache} onChanged={reload} />
        </section>
      ) : null}
      {tabs.includes('audit') ? (
        <section {...panelProps('audit')} className="panel">
          <h2 className="visually-hidden">{t('audit.heading')}</h2>
          <AuditPanel caseId={detail.id} active={activeTab === 'audit'} offline={fromCache} />
        </section>
      ) : null}
    </div>
  )
}
