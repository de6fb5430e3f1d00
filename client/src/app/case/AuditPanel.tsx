import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../../../shared/src/api/audit.js'
import { api } from '../../api/endpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDateTime } from '../format.js'
import { auditDetails } from './auditText.js'

export interface AuditPanelProps {
  caseId: string
  /** Loads when the tab is shown (and again on every showing). */
  active: boolean
  offline: boolean
}

/** The case's audit log (Änderungsprotokoll), newest first; coaches only. */
export function AuditPanel({ caseId, active, offline }: AuditPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [events, setEvents] = useState<AuditEvent[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)

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
        <div className="table-scroll">
          <table className="audit-table" aria-describedby={`${id}-intro`}>
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.what')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="audit.item" data-type={event.type}>
                  <td>
                    <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
                  </td>
                  <td>{event.actorName ?? t('audit.system')}</td>
                  <td>{t(`audit.type.${event.type}`)}</td>
                  <td>{auditDetails(t, event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
