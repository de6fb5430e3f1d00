import { useTranslation } from 'react-i18next'
import { ProcessPanel } from '../process/ProcessPanel.js'
import { RoomClosedMessage } from '../RoomClosedMessage.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** Verlauf: phase reviews, closing a phase, the outcome. */
export function ProcessTab() {
  const { t } = useTranslation()
  const { detail, rooms, docs, roomUser } = useCaseSession()
  const { goTo } = useCaseScreen()
  const { plan, notes } = rooms
  return (
    <TabPanel name="process">
      <h2 className="visually-hidden">{t('process.tabs.process')}</h2>
      <RoomClosedMessage snapshot={notes.snapshot} />
      {docs.plan && docs.notes && plan.room && notes.room ? (
        <ProcessPanel
          planDoc={plan.room.doc}
          notesDoc={notes.room.doc}
          plan={docs.plan}
          notes={docs.notes}
          planWritable={plan.snapshot?.writable ?? false}
          notesWritable={notes.snapshot?.writable ?? false}
          caseType={detail.type}
          onAdjustGoals={() => goTo({ tab: 'plan' })}
          notesAwareness={notes.room.provider.awareness}
          userId={roomUser.id}
          members={detail.members}
        />
      ) : (
        <p role="status">{t('process.notReadable')}</p>
      )}
    </TabPanel>
  )
}
