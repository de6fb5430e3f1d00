import { useTranslation } from 'react-i18next'
import type { CaseRoomSnapshot } from '../../sync/CaseRoom.js'
import { closeText } from '../errorText.js'

/** Why a room stopped (access revoked, erased, session ended) or the last connection problem; nothing otherwise. */
export function RoomClosedMessage({ snapshot }: { snapshot: Pick<CaseRoomSnapshot, 'closedReason' | 'problem'> | null }) {
  const { t } = useTranslation()
  if (!snapshot) {
    return null
  }
  if (snapshot.closedReason === 'accessRevoked' || snapshot.closedReason === 'erased' || snapshot.closedReason === 'sessionEnded') {
    return (
      <p role="alert" className="alert" data-testid="case.room-closed" data-reason={snapshot.closedReason}>
        {t(`case.${snapshot.closedReason}`)}
      </p>
    )
  }
  if (snapshot.problem) {
    return (
      <p role="alert" className="alert" data-testid="case.room-problem" data-code={snapshot.problem.code}>
        {t('case.problem', { reason: closeText(t, snapshot.problem) })}
      </p>
    )
  }
  return null
}
