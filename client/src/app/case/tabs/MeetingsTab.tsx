import { useTranslation } from 'react-i18next'
import { MeetingsPanel } from '../process/MeetingsPanel.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Gespräche: the evaluation meetings of the case. */
export function MeetingsTab() {
  const { t } = useTranslation()
  const { rooms, docs, caretUser } = useCaseSession()
  const { notes } = rooms
  return (
    <TabPanel name="meetings">
      <h2 className="visually-hidden">{t('process.tabs.meetings')}</h2>
      {docs.notes && notes.room ? (
        <MeetingsPanel
          room={notes.room}
          meetings={docs.notes.meetings}
          writable={notes.snapshot?.writable ?? false}
          caretUser={caretUser}
          people={(docs.plan?.participants ?? []).map((participant) => participant.name).filter((name) => name.trim() !== '')}
        />
      ) : (
        <p role="status">{t('process.notReadable')}</p>
      )}
    </TabPanel>
  )
}
