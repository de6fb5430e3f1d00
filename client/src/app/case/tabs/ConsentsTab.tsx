import { useTranslation } from 'react-i18next'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { ConsentPanel } from '../confidential/ConsentPanel.js'
import { ReleasesPanel } from '../releases/ReleasesPanel.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The consents of the case (contract §4) and its releases from confidentiality (issue 16). */
export function ConsentsTab() {
  const { t } = useTranslation()
  const { detail, docs, consents, releases, offline, reload } = useCaseSession()
  const { plainWords } = useCaseScreen()
  const company = docs.plan?.meta.employerName?.trim() || null
  return (
    <TabPanel name="consents">
      <h2 className="visually-hidden">{t(tabLabelKey('consents', plainWords))}</h2>
      <ConsentPanel detail={detail} consents={consents} today={localToday()} company={company} offline={offline} />
      <ReleasesPanel
        detail={detail}
        today={localToday()}
        offline={offline}
        plain={plainWords}
        releases={releases.releases}
        loadError={releases.error}
        onChanged={() => reload('releases')}
      />
    </TabPanel>
  )
}
