import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../../../shared/src/api/audit.js'
import type { Member } from '../../../../shared/src/api/cases.js'
import { auditSentence, type NameOf } from '../../../../shared/src/labels/auditSentence.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { auditActors, AuditTopics, filterAudit, NoAuditFilter, type AuditFilter, type AuditTopic } from './auditFilter.js'

export interface AuditPanelProps {
  caseId: string
  /** The case's members: the log names people by id, the sentences by name. */
  members: readonly Member[]
  /** Loads when the tab is shown (and again on every showing). */
  active: boolean
  offline: boolean
}

/** The case's change log (Änderungsprotokoll), newest first, as sentences, with filters (who, what, when); coaches only. */
export function AuditPanel({ caseId, members, active, offline }: AuditPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [events, setEvents] = useState<AuditEvent[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)
  const [filter, setFilter] = useState<AuditFilter>(NoAuditFilter)

  useEffect(() => {
    if (!active || offline) {
      return undefined
    }
    let cancelled = false
    api
      .audit(caseId)
      .then(({ data }) => {
        if (!cancelled) {
          setEvents(data.events)
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
  }, [caseId, active, offline, refresh, t])

  const nameOf: NameOf = useMemo(() => {
    const names = new Map<string, string>()
    for (const member of members) {
      names.set(member.id, member.name)
      names.set(member.userId, member.name)
    }
    return (memberOrUser) => names.get(memberOrUser)
  }, [members])
  const shown = events === null ? [] : filterAudit(events, filter)
  const set = (change: Partial<AuditFilter>): void => setFilter((previous) => ({ ...previous, ...change }))
  const filtered = filter.who !== '' || filter.what !== '' || filter.from !== '' || filter.to !== ''

  return (
    <div className="audit" data-testid="audit.panel">
      <div className="row">
        <p id={`${id}-intro`}>{t('audit.intro')}</p>
        <button type="button" onClick={() => setRefresh((n) => n + 1)} disabled={offline} data-testid="audit.refresh">
          {t('audit.refresh')}
        </button>
      </div>
      {offline ? <p className="notice">{t('audit.offline')}</p> : null}
      <ErrorAlert message={error} testId="audit.error" />
      {events === null && !error && !offline ? <p role="status">{t('app.loading')}</p> : null}
      {events !== null && events.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {events !== null && events.length > 0 ? (
        <>
          <fieldset className="audit-filters">
            <legend>{t('audit.filter.legend')}</legend>
            <label>
              {t('audit.filter.who')}
              <select value={filter.who} onChange={(event) => set({ who: event.target.value })} data-testid="audit.filter-who">
                <option value="">{t('audit.filter.everyone')}</option>
                {auditActors(events).map((actor) => (
                  <option key={actor.id} value={actor.id}>
                    {actor.name ?? t('audit.system')}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('audit.filter.what')}
              <select value={filter.what} onChange={(event) => set({ what: event.target.value as AuditTopic | '' })} data-testid="audit.filter-what">
                <option value="">{t('audit.filter.everything')}</option>
                {AuditTopics.map((topic) => (
                  <option key={topic} value={topic}>
                    {t(`audit.topic.${topic}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('audit.filter.from')}
              <input type="date" value={filter.from} max={filter.to || undefined} onChange={(event) => set({ from: event.target.value })} data-testid="audit.filter-from" />
            </label>
            <label>
              {t('audit.filter.to')}
              <input type="date" value={filter.to} min={filter.from || undefined} onChange={(event) => set({ to: event.target.value })} data-testid="audit.filter-to" />
            </label>
            {filtered ? (
              <button type="button" onClick={() => setFilter(NoAuditFilter)} data-testid="audit.filter-reset">
                {t('audit.filter.reset')}
              </button>
            ) : null}
          </fieldset>
          <p role="status" className="meta" data-testid="audit.count">
            {filtered ? t('audit.filter.count', { shown: shown.length, count: events.length }) : t('audit.filter.all', { count: events.length })}
          </p>
          <ol className="audit-list" aria-describedby={`${id}-intro`} aria-label={t('audit.caption')}>
            {shown.map((event) => (
              <li key={event.id} data-testid="audit.item" data-type={event.type}>
                <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time> <span data-testid="audit.sentence">{auditSentence(t, event, nameOf)}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  )
}
