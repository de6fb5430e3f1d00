import { useTranslation } from 'react-i18next'
import { formatRoomName } from '../../../../../shared/src/protocol/roomName.js'
import { useCaseRoom } from '../../../sync/useCaseRoom.js'
import { ProfileDocument } from '../profile/ProfileDocument.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { roomAccessOf } from '../session/roomAccess.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The occupational profile (issue 19: Vorabklärung A2, Berufsprofil A3): coaches and the coachee write it together. */
export function ProfileTab() {
  const { t } = useTranslation()
  const { activeTab, plainWords } = useCaseScreen()
  return (
    <TabPanel name="profile">
      <h2 className="visually-hidden">{t(tabLabelKey('profile', plainWords))}</h2>
      {/* Mounted only while shown: the profile is a room (a socket) of its own. */}
      {activeTab === 'profile' ? <ProfileRoom /> : null}
    </TabPanel>
  )
}

function ProfileRoom() {
  const { detail, role, roomUser, onSessionEnded } = useCaseSession()
  const { plainWords } = useCaseScreen()
  const access = roomAccessOf(detail, { kind: 'profile', caseId: detail.id })
  const { room, snapshot } = useCaseRoom(formatRoomName({ kind: 'profile', caseId: detail.id }), access, roomUser, onSessionEnded)
  return <ProfileDocument room={room} snapshot={snapshot} role={role} plain={plainWords} swiss={detail.flow === 'ch'} />
}
