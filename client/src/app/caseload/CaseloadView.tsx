import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaseSummary } from '../../../../shared/src/api/cases.js'
import { Phases, type Phase } from '../../../../shared/src/caseDocument/plan.js'
import { caseload, type Caseload } from '../../../../shared/src/process/caseload.js'
import { isClosed, nextDueMeeting, type CaseDocSummary } from '../../../../shared/src/process/caseSummary.js'
import { hoursLevel } from '../../../../shared/src/process/hours.js'
import type { BackgroundSyncStatus } from '../../caseload/BackgroundSync.js'
import { isOfflineAvailable, type SummaryCache } from '../../caseload/summaryStore.js'
import { formatDate, formatHours, formatRelativeTime, localeOf } from '../format.js'

/** Groups of the caseload page: the four phases, closed cases, and cases not yet on this device. */
export const CaseGroups = [...Phases, 'closed', 'unknown'] as const
export type CaseGroup = (typeof CaseGroups)[number]

/**
 * The group a case belongs to: closed (by a coach, or with an outcome) wins
 * over the phase; without a summary it is not yet known on this device.
 */
export function caseGroup(summary: CaseDocSummary | null | undefined, item?: Pick<CaseSummary, 'closedAt'>): CaseGroup {
  if (item?.closedAt) {
    return 'closed'
  }
  if (!summary) {
    return 'unknown'
  }
  return isClosed(summary) ? 'closed' : summary.phase
}

/**
 * The caseload of a coach's cases (a case not read yet counts as active, a
 * tandem case as the server's coach count says), against the coach's part-time share.
 */
export function caseloadOf(cases: readonly CaseSummary[], cache: SummaryCache, staffShare?: number, tandemShare?: number): Caseload {
  return caseload(
    cases.map((item) => ({ type: item.type, closed: caseGroup(cache[item.id]?.summary, item) === 'closed', coaches: cache[item.id]?.coaches })),
    { staffShare, tandemShare },
  )
}

/** A stable order inside a group (the server's list order is not one): by title, then id. */
function byTitle(a: CaseSummary, b: CaseSummary): number {
  return a.title.localeCompare(b.title, 'de') || a.id.localeCompare(b.id)
}

function formatShare(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(value)
}

/** The Personalschlüssel line: weighted cases per type against the guideline at the coach's share. */
export function CaseloadSummary({ load }: { load: Caseload }) {
  const { t, i18n } = useTranslation()
  const n = (value: number): string => formatShare(value, i18n.language)
  const id = useId()
  return (
    <section aria-labelledby={`${id}-h`} className={`card caseload${load.over ? ' caseload-over' : ''}`}>
      <h2 id={`${id}-h`}>{t('caseload.heading')}</h2>
      <p data-testid="caseload.summary" data-over={String(load.over)} className="caseload-line">
        <span data-testid="caseload.placement" data-over={String(load.placement.over)}>
          {t('caseload.part', { type: t('cases.type.placement'), active: n(load.placement.active), guideline: n(load.placement.guideline) })}
        </span>
        {', '}
        <span data-testid="caseload.retention" data-over={String(load.retention.over)}>
          {t('caseload.part', { type: t('cases.type.retention'), active: n(load.retention.active), guideline: n(load.retention.guideline) })}
        </span>
        {' — '}
        <strong className={load.over ? 'caseload-flag over' : 'caseload-flag'}>{t(load.over ? 'caseload.over' : 'caseload.within')}</strong>
      </p>
      <p className="meta" data-testid="caseload.explain">
        {t('caseload.explain', { percent: Math.round(load.load * 100), tandem: load.tandemShare === 0.5 ? t('caseload.tandemHalf') : t('caseload.tandemPercent', { percent: Math.round(load.tandemShare * 100) }) })}
        {load.staffShare < 1 ? ` ${t('caseload.staffShare', { percent: Math.round(load.staffShare * 100) })}` : ''}
      </p>
    </section>
  )
}

export function SyncStatusLine({ status, readingLocal }: { status: BackgroundSyncStatus | null; readingLocal: boolean }) {
  const { t } = useTranslation()
  let text: string
  let state: string
  if (status && !status.online) {
    text = t('caseload.sync.offline')
    state = 'offline'
  } else if (readingLocal || status === null) {
    text = t('caseload.sync.readingLocal')
    state = 'reading'
  } else if (status.running.length > 0 || status.queued > 0) {
    text = t('caseload.sync.running', { count: status.running.length + status.queued })
    state = 'running'
  } else if (status.failed > 0) {
    text = t('caseload.sync.someFailed', { count: status.failed })
    state = 'failed'
  } else {
    text = t('caseload.sync.idle')
    state = 'idle'
  }
  return (
    <p role="status" className="meta caseload-sync" data-testid="cases.sync-status" data-state={state}>
      {text}
    </p>
  )
}

interface CaseItemProps {
  item: CaseSummary
  /** Closed (by a coach or with an outcome): nothing is due any more. */
  closed: boolean
  summary: CaseDocSummary | null | undefined
  lastSyncedAt: string | undefined
  syncing: boolean
  offlineAvailable: boolean
  onToggleOffline: (caseId: string, available: boolean) => void
  today: string
  now: number
}

function CaseItem({ item, closed, summary, lastSyncedAt, syncing, offlineAvailable, onToggleOffline, today, now }: CaseItemProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const lang = i18n.language
  const next = summary && !closed ? nextDueMeeting(summary, today) : null
  const level = summary ? hoursLevel(summary.hoursUsed, summary.hoursBudget) : 'noBudget'
  let meetingText: string
  if (closed) {
    meetingText = t('caseload.meeting.closed')
  } else if (!summary) {
    meetingText = t('caseload.unknown')
  } else if (next === null) {
    meetingText = t('caseload.meeting.none')
  } else {
    const kind = t(`process.meetingKind.${next.kind}`)
    const date = formatDate(next.date, lang)
    const status = next.status === 'due' && next.date > today ? 'dueBy' : next.status
    meetingText = t(`caseload.meeting.${status}`, { kind, date })
  }
  let hoursText: string
  if (!summary) {
    hoursText = t('caseload.unknown')
  } else if (summary.hoursBudget === undefined) {
    hoursText = t('caseload.hoursNoBudget', { used: formatHours(summary.hoursUsed, lang) })
  } else {
    hoursText = t('caseload.hoursOfBudget', { used: formatHours(summary.hoursUsed, lang), budget: formatHours(summary.hoursBudget, lang) })
  }
  const synced = lastSyncedAt
    ? t('caseload.lastSynced', {
        when: now - Date.parse(lastSyncedAt) < 60_000 ? t('caseload.justNow') : formatRelativeTime(lastSyncedAt, now, lang),
      })
    : t('caseload.neverSynced')
  return (
    <li data-testid="cases.item" data-case-id={item.id} className="case-item">
      <div className="case-item-head">
        <Link to={`/cases/${encodeURIComponent(item.id)}`} data-testid="cases.item-link">
          {item.title}
        </Link>
        <span className="meta">
          {t(`cases.type.${item.type}`)}
          {summary?.outcome ? ` · ${t(`report.outcomeKind.${summary.outcome}`)}` : ''}
        </span>
      </div>
      <dl className="case-facts">
        <div>
          <dt>{t('caseload.nextMeeting')}</dt>
          <dd data-testid="cases.next-meeting" data-status={next?.status ?? 'none'} className={next && (next.status === 'due' || next.status === 'overdue') ? 'warn-text' : undefined}>
            {meetingText}
          </dd>
        </div>
        <div>
          <dt>{t('caseload.hours')}</dt>
          <dd data-testid="cases.hours" data-level={level} className={level === 'warning' || level === 'over' ? 'warn-text' : undefined}>
            {hoursText}
          </dd>
        </div>
      </dl>
      <div className="case-sync-row">
        <span className="meta" data-testid="cases.last-synced" data-syncing={String(syncing)}>
          {synced}
          {syncing ? ` · ${t('caseload.syncingNow')}` : ''}
        </span>
        <span className="case-offline">
          <input
            type="checkbox"
            id={`${id}-offline`}
            checked={offlineAvailable}
            onChange={(event) => onToggleOffline(item.id, event.target.checked)}
            data-testid="cases.offline-toggle"
          />
          <label htmlFor={`${id}-offline`}>
            {t('caseload.offlineAvailable')}
            <span className="visually-hidden"> ({item.title})</span>
          </label>
        </span>
      </div>
    </li>
  )
}

export interface CaseloadViewProps {
  /** The user's cases as a coach. */
  cases: readonly CaseSummary[]
  cache: SummaryCache
  offlineChoices: Readonly<Record<string, boolean>>
  sync: BackgroundSyncStatus | null
  readingLocal: boolean
  onToggleOffline: (caseId: string, available: boolean) => void
  /** YYYY-MM-DD and epoch ms, from the caller's ticking clock. */
  today: string
  now: number
  /** The coach's part-time share (Stellenanteil) from the staff account; default full time. */
  staffShare?: number | undefined
  /** The installation's TANDEM_SHARE (default half). */
  tandemShare?: number | undefined
}

/** A coach's cases grouped by phase, with the caseload against the guideline ratios. */
export function CaseloadView({ cases, cache, offlineChoices, sync, readingLocal, onToggleOffline, today, now, staffShare, tandemShare }: CaseloadViewProps) {
  const { t } = useTranslation()
  const id = useId()
  const groups = new Map<CaseGroup, CaseSummary[]>(CaseGroups.map((group) => [group, []]))
  for (const item of [...cases].sort(byTitle)) {
    groups.get(caseGroup(cache[item.id]?.summary, item))?.push(item)
  }
  const running = new Set(sync?.running ?? [])
  return (
    <div className="stack caseload-view">
      <CaseloadSummary load={caseloadOf(cases, cache, staffShare, tandemShare)} />
      <SyncStatusLine status={sync} readingLocal={readingLocal} />
      <div className="case-groups" data-testid="cases.list">
        {CaseGroups.map((group) => {
          const items = groups.get(group) ?? []
          if (items.length === 0) {
            return null
          }
          const headingId = `${id}-${group}`
          return (
            <section key={group} aria-labelledby={headingId} className="case-group" data-testid="cases.phase-group" data-phase={group}>
              <h2 id={headingId}>
                {group === 'closed' || group === 'unknown' ? t(`caseload.group.${group}`) : t(`phases.${group as Phase}`)}{' '}
                <span className="meta">({items.length})</span>
              </h2>
              <ul className="case-list">
                {items.map((item) => {
                  const entry = cache[item.id]
                  return (
                    <CaseItem
                      key={item.id}
                      item={item}
                      closed={group === 'closed'}
                      summary={entry?.summary}
                      lastSyncedAt={entry?.lastSyncedAt}
                      syncing={running.has(item.id)}
                      offlineAvailable={isOfflineAvailable(offlineChoices, item.id, group === 'closed')}
                      onToggleOffline={onToggleOffline}
                      today={today}
                      now={now}
                    />
                  )
                })}
              </ul>
            </section>
          )
        })}
      </div>
    </div>
  )
}
