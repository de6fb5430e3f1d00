import { can } from '../../../../../shared/src/policy/actions.js'
import type { CompletenessTarget } from '../../../../../shared/src/process/completeness.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { interimReportDue } from '../../../../../shared/src/report/schedule.js'
import { planAgreedFact } from '../../../agreements/agreementStatus.js'
import { CaseProcessSummary } from '../process/CaseProcessSummary.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { useCaseScreen } from './CaseScreenContext.js'
import { casePath, useReportLinks } from './CaseHeader.js'

/** The process summary above the tabs (coaches, once plan and notes are read), with links into the tabs. */
export function CaseSummary() {
  const { detail, role, docs, agreements } = useCaseSession()
  const { goTo, canGoTo } = useCaseScreen()
  const showReportLinks = useReportLinks()
  const { plan, notes } = docs
  if (!can(role, 'process.follow') || !plan || !notes) {
    return null
  }
  const caseLink = casePath(detail.id)
  const linkFor = (target: CompletenessTarget): string | null => (target.tab === 'report' && showReportLinks ? `${caseLink}/report/final` : null)
  const planAgreed = planAgreedFact(agreements.agreements, detail.members, docs.liveHash ?? agreements.serverHash, plan.meta.currentPhase, detail.flow)
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
    />
  )
}
