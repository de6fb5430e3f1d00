import { useEffect, useId, useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfidentialContentFragment, readConfidential, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import { isHealthData } from '../../../../../shared/src/api/consents.js'
import type { Access } from '../../../../../shared/src/policy/access.js'
import { formatRoomName } from '../../../../../shared/src/protocol/roomName.js'
import { RichTextEditor } from '../../../editor/RichTextEditor.js'
import { useYMap, useYVersion } from '../../../hooks/useYVersion.js'
import type { CaseRoom, CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { useCaseRoom } from '../../../sync/useCaseRoom.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { DocProblem } from '../DocProblem.js'
import { LocalProblemMessage } from '../LocalProblem.js'
import { RoomClosedMessage } from '../RoomClosedMessage.js'
import { fieldTitle } from './fieldTitle.js'

export interface ConfidentialFieldRoomProps {
  caseId: string
  field: ConfidentialField
  /** The caller's access to the field's room (the server's list, capped by the policy). */
  access: Access
  roomUser: { id: string; name: string }
  caretUser: { name: string; color: string }
  onSessionEnded?: () => void
  /** Reports the room's snapshot (null when it closes), for the header's sync state. */
  onSnapshot?: (field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => void
  /**
   * The room was closed for good because access ended (4403) or the case was
   * erased; its local copy is being deleted. Without this callback the
   * field shows why it closed; with it, the owner removes the field.
   */
  onAccessEnded?: (field: ConfidentialField) => void
  /** Lines under the heading: who reads it, who shared it. */
  children?: ReactNode
  /** The coachee's plain words: the field's plain name first, its formal term beside it. */
  plain?: boolean
}

/**
 * One confidential field (contract §3.2): its own room
 * `cases/<caseId>/confidential/<field>`, opened while this is mounted
 * (IndexedDB first, so it works offline), shown as a rich-text editor —
 * editable for coaches, read-only for everyone else — and marked as
 * confidential, and as health data where it is.
 */
export function ConfidentialFieldRoom({
  caseId,
  field,
  access,
  roomUser,
  caretUser,
  onSessionEnded,
  onSnapshot,
  onAccessEnded,
  children,
  plain = false,
}: ConfidentialFieldRoomProps) {
  const { t } = useTranslation()
  const id = useId()
  const { room, snapshot } = useCaseRoom(formatRoomName({ kind: 'confidential', caseId, field }), access, roomUser, onSessionEnded)
  const health = isHealthData(field)
  const closedReason = snapshot?.closedReason ?? null
  const accessEnded = closedReason === 'accessRevoked' || closedReason === 'erased'

  useEffect(() => {
    onSnapshot?.(field, snapshot)
  }, [field, snapshot, onSnapshot])
  useEffect(() => () => onSnapshot?.(field, null), [field, onSnapshot])
  useEffect(() => {
    if (accessEnded) {
      onAccessEnded?.(field)
    }
  }, [accessEnded, field, onAccessEnded])

  if (accessEnded && onAccessEnded) {
    return null
  }
  const title = fieldTitle(t, field, plain)
  const badge = plain ? 'plain.badge' : 'confidentialPanel.badge'
  const open = room !== null && snapshot !== null && closedReason === null
  return (
    <section
      aria-labelledby={`${id}-h`}
      className={`confidential-field${health ? ' health' : ''}`}
      data-testid="confidential.field"
      data-field={field}
      data-health={health ? 'true' : 'false'}
      data-writable={snapshot?.writable ? 'true' : 'false'}
    >
      <div className="confidential-head">
        <h3 id={`${id}-h`} data-testid="confidential.field-title">
          {title}
          {plain ? <FormalTerm term={fieldTitle(t, field, false)} /> : null}
        </h3>
        <span className="badges">
          <span className="badge badge-confidential">{t(`${badge}.confidential`)}</span>
          {health ? <span className="badge badge-health">{t(`${badge}.health`)}</span> : null}
          {open && !snapshot.writable ? <span className="badge">{t('confidentialPanel.readOnly')}</span> : null}
        </span>
      </div>
      {children}
      <RoomClosedMessage snapshot={snapshot} />
      <LocalProblemMessage room={room} snapshot={snapshot} />
      {open ? <ConfidentialContent room={room} snapshot={snapshot} field={field} labelledBy={`${id}-h`} label={title} caretUser={caretUser} /> : null}
    </section>
  )
}

function ConfidentialContent({
  room,
  snapshot,
  field,
  labelledBy,
  label,
  caretUser,
}: {
  room: CaseRoom
  snapshot: CaseRoomSnapshot
  field: ConfidentialField
  labelledBy: string
  label: string
  caretUser: { name: string; color: string }
}) {
  const { t } = useTranslation()
  const { doc, provider } = room
  const meta = useMemo(() => doc.getMap('meta'), [doc])
  const version = useYMap(meta)
  const result = useMemo(() => {
    void version
    return readConfidential(doc)
  }, [doc, version])
  const fragment = useMemo(() => doc.getXmlFragment(ConfidentialContentFragment), [doc])
  useYVersion(fragment)

  if (!result.ok) {
    const { facts } = snapshot
    const stillArriving = !facts.localLoaded || facts.firstConnecting || (facts.connected && !facts.synced)
    if (result.reason === 'empty' && stillArriving) {
      return <p role="status">{t('app.loading')}</p>
    }
    return <DocProblem reason={result.reason} issues={result.issues} testId="confidential.problem" room={room} />
  }
  if (result.value.field !== field) {
    return <DocProblem reason="invalid" issues={[`meta.field ${result.value.field} ≠ ${field}`]} testId="confidential.problem" room={room} />
  }
  if (!snapshot.writable && fragment.length === 0) {
    // Read-only and nothing written yet: say so instead of an empty box.
    return (
      <p className="meta" data-testid={`confidential.empty.${field}`}>
        {t('confidentialPanel.empty')}
      </p>
    )
  }
  return (
    <RichTextEditor
      fragment={fragment}
      provider={provider}
      user={caretUser}
      editable={snapshot.writable}
      labelledBy={labelledBy}
      label={label}
      testId={`confidential.editor.${field}`}
      hideToolbar={!snapshot.writable}
    />
  )
}
