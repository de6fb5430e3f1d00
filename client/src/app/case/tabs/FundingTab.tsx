import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Approval } from '../../../../../shared/src/api/funding.js'
import { approvalStatus, approvalWarnings, coverage, overlappingApprovals } from '../../../../../shared/src/funding/approvals.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { formatDate, formatHours } from '../../format.js'
import { ApprovalForm } from '../funding/ApprovalForm.js'
import { ApprovalsList } from '../funding/ApprovalsList.js'
import { ApprovalStatusView } from '../funding/ApprovalStatusView.js'
import { CaseFundingForm } from '../funding/CaseFundingForm.js'
import { ExtensionRequestDraft } from '../funding/ExtensionRequestDraft.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/**
 * Finanzierung (issue 18), for coaches: the funding body, file number and
 * referring body; the approvals with extensions and corrections as their
 * history; what is approved, used and left; the warnings; and the draft
 * request for extension.
 */
export function FundingTab() {
  const { t, i18n } = useTranslation()
  const { detail, role, offline, docs, funding: state, reload } = useCaseSession()
  const [correcting, setCorrecting] = useState<Approval | null>(null)
  const funding = state.funding
  const writable = !offline && can(role, 'funding.write', { caseClosed: detail.closedAt !== null })
  const today = localToday()
  const hours = docs.notes?.hours
  const computed = useMemo(() => {
    if (funding === null) {
      return null
    }
    const used = hours ?? []
    return {
      status: approvalStatus(funding.approvals, used, today),
      warnings: approvalWarnings(funding.approvals, used, today),
      overlaps: overlappingApprovals(funding.approvals).length,
      approvedFrom: coverage(funding.approvals)[0]?.from ?? null,
    }
  }, [funding, hours, today])
  const changed = (): void => reload('funding')

  return (
    <TabPanel name="funding">
      <h2>{t('case.tab.funding')}</h2>
      <p className="meta">{t('funding.intro')}</p>
      <ErrorAlert message={state.error} testId="funding.error" />
      {offline ? <p className="notice">{t('funding.offline')}</p> : null}
      {funding === null || computed === null ? (
        state.error === null && !offline ? <p role="status">{t('funding.loading')}</p> : null
      ) : (
        <>
          <CaseFundingForm caseId={detail.id} current={funding.current} history={funding.history} writable={writable} onChanged={changed} />
          {funding.approvals.length > 0 ? <ApprovalStatusView status={computed.status} warnings={computed.warnings} overlaps={computed.overlaps} /> : null}
          <ApprovalsList approvals={funding.approvals} writable={writable} onCorrect={setCorrecting} />
          {writable ? (
            <ApprovalForm
              caseId={detail.id}
              approvals={funding.approvals}
              correcting={correcting}
              onCancelCorrection={() => setCorrecting(null)}
              onSaved={() => {
                setCorrecting(null)
                changed()
              }}
            />
          ) : null}
          {funding.approvals.length > 0 ? (
            <ExtensionRequestDraft
              input={{
                caseTitle: detail.title,
                coachNames: detail.members.filter((member) => member.role === 'coach').map((member) => member.name),
                fundingBodyName: funding.current?.fundingBodyName ?? null,
                fileNumber: funding.current?.fileNumber ?? '',
                coacheeName: detail.members.find((member) => member.role === 'coachee')?.name ?? '',
                status: computed.status,
                approvedFrom: computed.approvedFrom,
                openGoals: (docs.plan?.goals ?? []).filter((goal) => goal.status === 'open' || goal.status === 'partlyAchieved'),
                today,
                formatDate: (date) => formatDate(date, i18n.language),
                formatHours: (value) => formatHours(value, i18n.language),
              }}
            />
          ) : null}
        </>
      )}
    </TabPanel>
  )
}
