import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import type { Access } from '../../../../../shared/src/policy/access.js'
import type { CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { formatDate } from '../../format.js'
import { ConfidentialFieldRoom } from './ConfidentialFieldRoom.js'
import { activeGrantFor, sharedBy } from './consentModel.js'

export interface SharedFieldsPanelProps {
  caseId: string
  /** The case as last read: its rooms say which fields the caller reads now. */
  detail: CaseDetail
  /** The caller's member id in the case (the recipient of grants). */
  myMemberId: string | null
  accessOf: (field: ConfidentialField) => Access
  grants: readonly ConsentGrant[] | null
  today: string
  roomUser: { id: string; name: string }
  caretUser: { name: string; color: string }
  onSessionEnded?: () => void
  onSnapshot?: (field: ConfidentialField, snapshot: CaseRoomSnapshot | null) => void
}

/**
 * The confidential fields shared with an employer by consent, read-only,
 * each marked "geteilt von <coachee> am <date>". A field is shown exactly
 * while the server lists read access to its room; a revocation (the case
 * event re-reads the list, or the room's socket closes with 4403) removes it
 * at once. The room's local copy is deleted by CaseRoom on 4403, or by the
 * case screen once the list says 'none' (whichever comes first).
 */
export function SharedFieldsPanel({ caseId, detail, myMemberId, accessOf, grants, today, roomUser, caretUser, onSessionEnded, onSnapshot }: SharedFieldsPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  // Fields whose room closed with 4403 before the case's room list caught
  // up, with the list they closed under: a newer list (a new grant) opens
  // them again.
  const [closed, setClosed] = useState<ReadonlyMap<ConfidentialField, CaseDetail>>(new Map())
  const visible = ConfidentialFields.filter((field) => accessOf(field) !== 'none' && closed.get(field) !== detail)

  // Tell which fields stopped being shared while the page was open.
  const shownBefore = useRef<ReadonlySet<ConfidentialField>>(new Set())
  const [ended, setEnded] = useState<ConfidentialField[]>([])
  const visibleKey = visible.join()
  useEffect(() => {
    const now = new Set(visibleKey === '' ? [] : (visibleKey.split(',') as ConfidentialField[]))
    const gone = [...shownBefore.current].filter((field) => !now.has(field))
    shownBefore.current = now
    setEnded((previous) => {
      const next = [...previous.filter((field) => !now.has(field)), ...gone.filter((field) => !previous.includes(field))]
      return next.length === previous.length && next.every((field, index) => field === previous[index]) ? previous : next
    })
  }, [visibleKey])

  const handleAccessEnded = useCallback(
    (field: ConfidentialField) => setClosed((previous) => new Map([...previous, [field, detail]])),
    [detail],
  )

  return (
    <div className="shared-fields" data-testid="shared.panel">
      {/* Always mounted, so the end of a share is announced. */}
      <div role="status" data-testid="shared.ended-status">
        {ended.map((field) => (
          <p key={field} className="notice" data-testid="shared.ended" data-field={field}>
            {t('confidentialPanel.ended', { field: t(`confidentialPanel.title.${field}`) })}
          </p>
        ))}
      </div>
      {visible.length > 0 ? (
        <section aria-labelledby={`${id}-h`}>
          <h3 id={`${id}-h`}>{t('confidentialPanel.sharedHeading')}</h3>
          <p className="meta">{t('confidentialPanel.sharedIntro')}</p>
          {visible.map((field) => {
            const grant = grants === null || myMemberId === null ? null : activeGrantFor(grants, field, myMemberId, today)
            const by = grant ? sharedBy(grant, detail.members) : null
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
                onAccessEnded={handleAccessEnded}
              >
                {grant && by ? (
                  <>
                    <p className="shared-by" data-testid="shared.by">
                      {by.recordedBy === null
                        ? t('confidentialPanel.sharedBy', { name: by.name, date: formatDate(by.date, i18n.language) })
                        : t('confidentialPanel.sharedByPaper', { name: by.name, date: formatDate(by.date, i18n.language), recordedBy: by.recordedBy })}
                    </p>
                    <p className="meta">
                      {t('confidentialPanel.purpose', { purpose: grant.purpose })}
                      {grant.validUntil !== null ? ` ${t('confidentialPanel.validUntil', { date: formatDate(grant.validUntil, i18n.language) })}` : null}
                    </p>
                  </>
                ) : null}
              </ConfidentialFieldRoom>
            )
          })}
        </section>
      ) : null}
    </div>
  )
}
