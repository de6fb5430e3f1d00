import { useTranslation } from 'react-i18next'
import { LocalProblemMessage } from '../LocalProblem.js'
import { NotesEditor } from '../NotesEditor.js'
import { RoomClosedMessage } from '../RoomClosedMessage.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'

/** The phase notes with their tandem comments. */
export function NotesTab() {
  const { t } = useTranslation()
  const { rooms, caretUser } = useCaseSession()
  const { notes } = rooms
  return (
    <TabPanel name="notes">
      <h2 className="visually-hidden">{t('notes.heading')}</h2>
      <RoomClosedMessage snapshot={notes.snapshot} />
      <LocalProblemMessage room={notes.room} snapshot={notes.snapshot} />
      {notes.room && notes.snapshot && notes.snapshot.closedReason === null ? (
        <NotesEditor room={notes.room} localLoaded={notes.snapshot.facts.localLoaded} caretUser={caretUser} writable={notes.snapshot.writable} />
      ) : null}
    </TabPanel>
  )
}
