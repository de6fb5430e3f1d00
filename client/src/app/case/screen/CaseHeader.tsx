import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { canRead } from '../../../../../shared/src/policy/access.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { CreateCopyButton } from '../../supervision/CreateCopyButton.js'
import { formatDate, formatDateTime } from '../../format.js'
import { usePhoneWidth } from '../../usePhoneWidth.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Whether the caller gets the report pages and the reading view of the case (built from the notes). */
export function useReportLinks(): boolean {
  const { role, rooms } = useCaseSession()
  return can(role, 'report.read') && canRead(rooms.notesAccess)
}

/** The path of the case screen of a case. */
export function casePath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`
}

/** The case's heading: back link, title, type and role, closed notice, report links, supervision copy. */
export function CaseHeader() {
  const { t, i18n } = useTranslation()
  const { detail, role, caseId } = useCaseSession()
  const showReportLinks = useReportLinks()
  const phone = usePhoneWidth()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const focusedFor = useRef<string | null>(null)

  // Focus the case's heading once it has loaded after navigating here.
  useEffect(() => {
    if (focusedFor.current !== detail.id) {
      focusedFor.current = detail.id
      headingRef.current?.focus()
    }
  }, [detail])

  const caseLink = casePath(detail.id)
  return (
    <div>
      <Link to="/" className="back-link">
        ← {t('case.back')}
      </Link>
      <h1 data-testid="case.title" ref={headingRef} tabIndex={-1}>
        {detail.title}
      </h1>
      <p className="meta" data-testid="case.role-line">
        {role === 'coachee' ? (
          // The coachee's own words; the formal term stays as secondary text.
          <>
            {t('plain.yourCoaching')} <small>({t('cases.role', { role: t(`roles.${role}`) })})</small>
          </>
        ) : (
          <>
            {t(`cases.type.${detail.type}`)} · {t('cases.role', { role: t(`roles.${role}`) })}
          </>
        )}
      </p>
      {detail.closedAt !== null ? (
        <p role="status" className="notice" data-testid="case.closed-notice">
          {t('dataProtection.closedOn', { date: formatDateTime(detail.closedAt, i18n.language) })}{' '}
          {detail.erasesAt !== null ? t('dataProtection.erasesOn', { date: formatDate(detail.erasesAt.slice(0, 10), i18n.language) }) : null}
        </p>
      ) : null}
      {showReportLinks ? (
        phone ? (
          // On a phone five links took five lines above the plan: they fold behind one summary.
          <details className="case-links-fold" data-testid="case.links.fold">
            <summary>{t('case.links.fold')}</summary>
            <CaseLinks caseLink={caseLink} />
          </details>
        ) : (
          <CaseLinks caseLink={caseLink} />
        )
      ) : null}
      {can(role, 'supervision.createCopy') ? <CreateCopyButton caseId={caseId} /> : null}
      {detail.closedAt !== null && can(role, 'report.exportAnonymised') ? (
        <p>
          <Link to={`${caseLink}/pool-report`} data-testid="finalReportExport.open">
            {t('case.links.poolReport')}
          </Link>
        </p>
      ) : null}
    </div>
  )
}

/** The reports, the reading view and the coaches' forms of the case. */
function CaseLinks({ caseLink }: { caseLink: string }) {
  const { t } = useTranslation()
  return (
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
      <Link to={`${caseLink}/accompaniment`} data-testid="case.link.accompaniment">
        {t('case.links.accompaniment')}
      </Link>
      <Link to={`${caseLink}/exit`} data-testid="case.link.exit">
        {t('case.links.exitForm')}
      </Link>
    </nav>
  )
}
