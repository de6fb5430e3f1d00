import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRoom, CaseRoomSnapshot } from '../../sync/CaseRoom.js'
import type { LocalProblem } from '../../sync/localRecovery.js'
import { reloadIntoNewVersion } from '../appUpdate.js'

/**
 * The two ways out of an unusable local copy: export alone, or export and
 * reload from the server. After a refusal the reload is the app's (into its
 * newest version: the refused change may come from an outdated one).
 */
export function LocalRecoveryActions({ room, problem }: { room: CaseRoom; problem: LocalProblem }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const refused = problem === 'refused'
  return (
    <p className="actions">
      <button
        type="button"
        data-testid="case.local-recover"
        disabled={busy}
        onClick={() => {
          setBusy(true)
          void room.recoverFromServer(refused ? { reloadApp: reloadIntoNewVersion } : {})
        }}
      >
        {t(refused ? 'case.localProblem.recoverRefused' : 'case.localProblem.recover')}
      </button>{' '}
      <button type="button" data-testid="case.local-export" onClick={() => room.downloadExport()}>
        {t('case.localProblem.export')}
      </button>
    </p>
  )
}

/**
 * Tells that this device's copy of a room cannot be used, and offers the
 * recovery. 'schema' is shown by the document's own problem message
 * ({@link DocProblem}) unless `includeSchema`.
 */
export function LocalProblemMessage({
  room,
  snapshot,
  includeSchema = false,
}: {
  room: CaseRoom | null
  snapshot: Pick<CaseRoomSnapshot, 'localProblem'> | null
  includeSchema?: boolean
}) {
  const { t } = useTranslation()
  const problem = snapshot?.localProblem ?? null
  if (!room || problem === null || (problem === 'schema' && !includeSchema)) {
    return null
  }
  return (
    <div role="alert" className="alert" data-testid="case.local-problem" data-reason={problem}>
      <p>{t(`case.localProblem.${problem}`)}</p>
      <p>{t(problem === 'refused' ? 'case.localProblem.refusedHint' : 'case.localProblem.exportHint')}</p>
      <LocalRecoveryActions room={room} problem={problem} />
    </div>
  )
}
