import { useTranslation } from 'react-i18next'
import { can } from '../../../../../shared/src/policy/actions.js'
import { InvitationsPanel } from '../InvitationsPanel.js'
import { MembersPanel } from '../MembersPanel.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Members of the case and the invitations to it. */
export function MembersTab() {
  const { t } = useTranslation()
  const { detail, role, offline, generations, reload } = useCaseSession()
  return (
    <TabPanel name="members">
      <h2 className="visually-hidden">{t('members.heading')}</h2>
      <MembersPanel detail={detail} offline={offline} onChanged={() => reload('detail')} />
      {can(role, 'invitations.create') ? (
        <InvitationsPanel caseId={detail.id} offline={offline} generation={generations.invitations} onChanged={() => reload('invitations')} />
      ) : null}
    </TabPanel>
  )
}
