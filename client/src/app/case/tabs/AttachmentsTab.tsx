import { useTranslation } from 'react-i18next'
import { AttachmentsPanel } from '../attachments/AttachmentsPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The case's files (issue 20): work aids and checklists, scanned consent forms and releases. */
export function AttachmentsTab() {
  const { t } = useTranslation()
  const { detail, offline } = useCaseSession()
  const { plainWords } = useCaseScreen()
  return (
    <TabPanel name="attachments">
      <h2 className="visually-hidden">{t(tabLabelKey('attachments', plainWords))}</h2>
      <AttachmentsPanel detail={detail} offline={offline} />
    </TabPanel>
  )
}
