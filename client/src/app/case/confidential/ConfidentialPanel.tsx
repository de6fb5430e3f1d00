import { useTranslation } from 'react-i18next'
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import type { Access } from '../../../../../shared/src/policy/access.js'
import type { CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { ConfidentialFieldRoom } from './ConfidentialFieldRoom.js'
import { readersByConsent } from './consentModel.js'

export interface ConfidentialPanelProps {
  caseId: string
  /** 'coach' writes the fields; 'coachee' reads their own, in plain words. */
  role: 'coach' | 'coachee'
  accessOf: (field: ConfidentialField) => Access
  /** The case's grants (null while not loaded): who else reads each field. */
  grants: readonly ConsentGrant[] | null
  today: string
  roomUser: { id: string; name: string }
  caretUser: { name: string; color: string }
  onSessionEnded?: () => void
  onSnapshot?: (field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => void
}

/**
 * The six confidential fields of a case for the coaches (an editor each) and
 * the coachee (read-only). Each field's room opens only while this panel is
 * mounted: the case page does not open six more sockets until asked.
 */
export function ConfidentialPanel({ caseId, role, accessOf, grants, today, roomUser, caretUser, onSessionEnded, onSnapshot }: ConfidentialPanelProps) {
  const { t } = useTranslation()
  const coachee = role === 'coachee'
  return (
    <div className="confidential" data-testid="confidential.panel">
      <p className={coachee ? 'plain-intro' : 'notice'}>{t(coachee ? 'confidentialPanel.introCoachee' : 'confidentialPanel.introCoach')}</p>
      {ConfidentialFields.map((field) => {
        const readers = grants === null ? [] : readersByConsent(grants, field, today)
        const names = readers.map((reader) => reader.name).join(', ')
        let readersLine: string
        if (coachee) {
          readersLine = readers.length > 0 ? t('confidentialPanel.readersCoacheeWithConsent', { names }) : t('confidentialPanel.readersCoachee')
        } else {
          readersLine = readers.length > 0 ? t('confidentialPanel.readersWithConsent', { names }) : t('confidentialPanel.readers')
        }
        return (
          <ConfidentialFieldRoom
            key={field}
            caseId={caseId}
            field={field}
            access={accessOf(field)}
            roomUser={roomUser}
            caretUser={caretUser}
            onSessionEnded={onSessionEnded}
            onSnapshot={onSnapshot}
            plain={coachee}
          >
            <p className="meta" data-testid="confidential.readers">
              {readersLine}
            </p>
          </ConfidentialFieldRoom>
        )
      })}
    </div>
  )
}
