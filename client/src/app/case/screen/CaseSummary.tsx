import { can } from '../../../../../shared/src/policy/actions.js'
import type { CompletenessTarget } from '../../../../../shared/src/process/completeness.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { releaseEndingReminders } from '../../../../../shared/src/process/releaseReminders.js'
import { approvalWarnings } from '../../../../../shared/src/funding/approvals.js'
import { interimReportDue } from '../../../../../shared/src/report/schedule.js'
import { planAgreedFact } from '../../../agreements/agreementStatus.js'
import { CaseProcessSummary } from '../process/CaseProcessSummary.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { useCaseScreen } from './CaseScreenContext.js'
import { casePath, useReportLinks } from './CaseHeader.js'

/** The process summary above the tabs (coaches, once plan and notes are read), with links into the tabs. */
export function CaseSummary() {
  const { detail, role, docs, agreements, funding, releases } = useCaseSession()
  const { goTo, canGoTo, tabs, selectTab } = useCaseScreen()
  const showReportLinks = useReportLinks()
  const { plan, notes } = docs
  if (!can(role, 'process.follow') || !plan || !notes) {
    return null
  }
  const caseLink = casePath(detail.id)
  const linkFor = (target: CompletenessTarget): string | null => (target.tab === 'report' && showReportLinks ? `${caseLink}/report/final` : null)
  const planAgreed = planAgreedFact(agreements.agreements, detail.members, docs.liveHash ?? agreements.serverHash, plan.meta.currentPhase, detail.flow)
  const approvals = funding.funding?.approvals ?? []
  const fundingWarnings = approvals.length > 0 ? approvalWarnings(approvals, notes.hours, localToday()) : []
  const releaseEndings = releaseEndingReminders(releases.releases ?? [], localToday())
  const interimDue = plan.meta.startDate !== undefined ? interimReportDue({ startDate: plan.meta.startDate, expectedEndDate: plan.meta.expectedEndDate }, localToday(), docs.interimSchedule, docs.lastInterim) : null
  return (
    <CaseProcessSummary
      plan={plan}
      notes={notes}
      today={localToday()}
      planAgreed={planAgreed}
      reportWritten={docs.reportWritten}
      onGoTo={goTo}
      canGoTo={canGoTo}
      linkFor={linkFor}
      interimDue={interimDue}
      interimLink={`${caseLink}/report/interim`}
      fundingWarnings={fundingWarnings}
      onOpenFunding={tabs.includes('funding') ? () => selectTab('funding') : undefined}
      releaseEndings={releaseEndings}
      onOpenReleases={tabs.includes('consents') ? () => selectTab('consents') : undefined}
      progressEveryWeeks={docs.progressEveryWeeks}
      followUpDueDates={docs.followUpDueDates ? docs.followUpDueDates.split(',') : []}
      accompanimentLink={`${caseLink}/accompaniment`}
    />
  )
}
