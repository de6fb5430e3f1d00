import { useTranslation } from 'react-i18next'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { ConfidentialPanel } from '../confidential/ConfidentialPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The confidential fields: a coach writes them, the coachee reads their own. */
export function ConfidentialTab() {
  const { t } = useTranslation()
  const { detail, role, rooms, consents, roomUser, caretUser, onSessionEnded } = useCaseSession()
  const { activeTab, plainWords } = useCaseScreen()
  return (
    <TabPanel name="confidential">
      <h2 className="visually-hidden">{t(tabLabelKey('confidential', plainWords))}</h2>
      {/* Mounted only while shown: each field is a room (a socket) of its own. */}
      {activeTab === 'confidential' && (role === 'coach' || role === 'coachee') ? (
        <ConfidentialPanel
          caseId={detail.id}
          role={role}
          accessOf={(field) => rooms.confidentialAccess[field]}
          grants={consents.grants}
          today={localToday()}
          roomUser={roomUser}
          caretUser={caretUser}
          onSessionEnded={onSessionEnded}
          onSnapshot={rooms.onFieldSnapshot}
        />
      ) : null}
    </TabPanel>
  )
}
