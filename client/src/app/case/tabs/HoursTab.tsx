import { useTranslation } from 'react-i18next'
import { HoursPanel } from '../process/HoursPanel.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Stunden: the hours log against the budget. */
export function HoursTab() {
  const { t } = useTranslation()
  const { detail, rooms, docs, roomUser } = useCaseSession()
  const { notes } = rooms
  return (
    <TabPanel name="hours">
      <h2 className="visually-hidden">{t('process.tabs.hours')}</h2>
      {docs.notes && notes.room ? (
        <HoursPanel
          notesDoc={notes.room.doc}
          entries={docs.notes.hours}
          budget={docs.plan?.meta.hoursBudget}
          currentPhase={docs.plan?.meta.currentPhase ?? 'analysis'}
          userId={roomUser.id}
          members={detail.members}
          writable={notes.snapshot?.writable ?? false}
        />
      ) : (
        <p role="status">{t('process.notReadable')}</p>
      )}
    </TabPanel>
  )
}
