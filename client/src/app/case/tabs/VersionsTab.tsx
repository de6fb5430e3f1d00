import { useTranslation } from 'react-i18next'
import { can } from '../../../../../shared/src/policy/actions.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { tabLabelKey } from '../screen/caseTabs.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { VersionsPanel } from '../versions/VersionsPanel.js'

/** "Versionen" (contract §8.4): the plan's versions for every plan reader, the notes' for whoever reads the notes. */
export function VersionsTab() {
  const { t } = useTranslation()
  const { detail, role, offline, rooms, generations } = useCaseSession()
  const { activeTab, view, plainWords } = useCaseScreen()
  const open = (room: typeof rooms.plan) => (room.room !== null && room.snapshot !== null && room.snapshot.closedReason === null ? room.room.doc : null)
  return (
    <TabPanel name="versions">
      <h2 className="visually-hidden">{t(tabLabelKey('versions', plainWords))}</h2>
      {activeTab === 'versions' ? (
        <VersionsPanel
          caseId={detail.id}
          docs={can(role, 'versions.readNotes') ? ['plan', 'notes'] : ['plan']}
          liveDocs={{ plan: open(rooms.plan), notes: open(rooms.notes) }}
          canRestore={can(role, 'versions.restore', { caseClosed: detail.closedAt !== null })}
          offline={offline}
          view={view}
          plain={plainWords}
          refreshKey={generations.agreements}
        />
      ) : null}
    </TabPanel>
  )
}
