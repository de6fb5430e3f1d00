import { useTranslation } from 'react-i18next'
import { AuditPanel } from '../AuditPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The case's audit log (Änderungsprotokoll). */
export function AuditTab() {
  const { t } = useTranslation()
  const { detail, offline } = useCaseSession()
  const { activeTab } = useCaseScreen()
  return (
    <TabPanel name="audit">
      <h2 className="visually-hidden">{t('audit.heading')}</h2>
      <AuditPanel caseId={detail.id} members={detail.members} active={activeTab === 'audit'} offline={offline} />
    </TabPanel>
  )
}
