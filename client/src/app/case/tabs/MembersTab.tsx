import { useTranslation } from 'react-i18next'
import { can } from '../../../../../shared/src/policy/actions.js'
import { InvitationsPanel } from '../InvitationsPanel.js'
import { MembersPanel } from '../MembersPanel.js'
import { ParticipantsPanel } from '../people/ParticipantsPanel.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Members of the case, the people around it (plan participants, issue 16), and the invitations. */
export function MembersTab() {
  const { t } = useTranslation()
  const { detail, role, offline, generations, reload, rooms, docs } = useCaseSession()
  return (
    <TabPanel name="members">
      <h2 className="visually-hidden">{t('members.heading')}</h2>
      <MembersPanel detail={detail} offline={offline} onChanged={() => reload('detail')} />
      <ParticipantsPanel detail={detail} room={rooms.plan.room} participants={docs.plan?.participants ?? []} writable={rooms.planAccess === 'write'} />
      {can(role, 'invitations.create') ? (
        <InvitationsPanel caseId={detail.id} offline={offline} generation={generations.invitations} onChanged={() => reload('invitations')} />
      ) : null}
    </TabPanel>
  )
}
