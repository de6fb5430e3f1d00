import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { consentRecipients } from './consentModel.js'
import { ConsentSwitches } from './ConsentSwitches.js'
import { GrantsList } from './GrantsList.js'
import { PaperConsentForm } from './PaperConsentForm.js'
import type { ConsentGrantsState } from './useConsentGrants.js'

export interface ConsentPanelProps {
  detail: CaseDetail
  consents: ConsentGrantsState
  today: string
  /** The employer's company from the plan (for the coachee's sentences). */
  company: string | null
  offline: boolean
}

/**
 * The consents of a case (contract §4), by role: the coachee decides with
 * switches in plain language; a coach records paper consents and may revoke;
 * everyone sees the full list of grants.
 */
export function ConsentPanel({ detail, consents, today, company, offline }: ConsentPanelProps) {
  const { t } = useTranslation()
  const role = detail.myRole
  const recipients = consentRecipients(detail.members)
  const list = (
    <GrantsList
      caseId={detail.id}
      grants={consents.grants}
      fromCache={consents.fromCache}
      loadError={consents.error}
      today={today}
      canRevoke={can(role, 'consent.revoke')}
      offline={offline || consents.fromCache}
      plain={role === 'coachee' || role === 'guardian'}
      onRevoked={consents.reload}
    />
  )
  if (can(role, 'consent.grant')) {
    return (
      <div className="consents plain-consents" data-testid="consent.panel" data-role={role}>
        <div className="plain-intro">
          <p>{t('consent.plainIntro1')}</p>
          <p>{t('consent.plainIntro2')}</p>
          <p>{t('consent.plainIntro3')}</p>
          <p className="consent-free" data-testid="consent.free">
            <strong>{t('consent.plainFree')}</strong>
          </p>
          <p>{t('consent.plainHow')}</p>
        </div>
        <ConsentSwitches
          caseId={detail.id}
          recipients={recipients}
          grants={consents.grants}
          today={today}
          company={company}
          offline={offline || consents.fromCache}
          onChanged={consents.reload}
        />
        {list}
      </div>
    )
  }
  return (
    <div className="consents" data-testid="consent.panel" data-role={role}>
      <p className="notice">{t(role === 'coach' ? 'consent.coachIntro' : 'consent.employerIntro')}</p>
      {list}
      {can(role, 'consent.recordPaper') ? (
        <PaperConsentForm caseId={detail.id} recipients={recipients} today={today} offline={offline || consents.fromCache} onRecorded={consents.reload} />
      ) : null}
    </div>
  )
}
