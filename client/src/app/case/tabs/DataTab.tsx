import { useTranslation } from 'react-i18next'
import { DataProtectionPanel } from '../dataProtection/DataProtectionPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Data protection: closing and erasing the case, the coachee's data export. */
export function DataTab() {
  const { t } = useTranslation()
  const { detail, roomUser, docs, offline, reload } = useCaseSession()
  const { plainWords } = useCaseScreen()
  return (
    <TabPanel name="data">
      <h2 className="visually-hidden">{t(tabLabelKey('data', plainWords))}</h2>
      <DataProtectionPanel detail={detail} userId={roomUser.id} reportWritten={docs.reportWritten} offline={offline} onChanged={() => reload('detail')} />
    </TabPanel>
  )
}
