import { useTranslation } from 'react-i18next'
import type { CaseRoomSnapshot } from '../../sync/CaseRoom.js'

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
      <p role="alert" className="alert" data-testid="case.room-problem">
        {t('case.problem', { code: snapshot.problem.code, reason: snapshot.problem.reason })}
      </p>
    )
  }
  return null
}
