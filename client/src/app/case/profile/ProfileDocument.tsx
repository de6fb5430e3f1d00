import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { CompetenceKeys, readProfile, WishKeys } from '../../../../../shared/src/caseDocument/profile.js'
import { mayEditProfileRoot } from '../../../../../shared/src/policy/documentEdits.js'
import type { CaseRole } from '../../../../../shared/src/policy/access.js'
import { FieldPresenceContext } from '../../../editor/fieldPresence.js'
import type { CaseRoom, CaseRoomSnapshot } from '../../../sync/CaseRoom.js'
import { DocProblem } from '../DocProblem.js'
import { LocalProblemMessage } from '../LocalProblem.js'
import { RoomClosedMessage } from '../RoomClosedMessage.js'
import { ProfileEntryList } from './ProfileEntryList.js'
import { ProfileTextGroup } from './ProfileTextGroup.js'
import { useDocVersion } from './useDocVersion.js'
import './profile.css'

export interface ProfileDocumentProps {
  room: CaseRoom | null
  snapshot: CaseRoomSnapshot | null
  role: CaseRole
  /** The coachee's plain words (Leichte Sprache). */
  plain: boolean
  /** A case under the Swiss flow: the parts are labelled A2 and A3 as in the qualification profile. */
  swiss: boolean
}

/**
 * The occupational profile: the Vorabklärung (A2: wishes, career history,
 * Handlungsplan) and the Berufsprofil / Kompetenzbilanz (A3: strengths,
 * resources, restrictions, perspectives, fitting occupations, experts'
 * assessments). Each part is editable as the shared edit policy lets the
 * role change it (the relay refuses the rest); the coachee reads it all in
 * plain words.
 */
export function ProfileDocument({ room, snapshot, role, plain, swiss }: ProfileDocumentProps) {
  const { t } = useTranslation()
  const id = useId()
  const doc = room?.doc ?? null
  const version = useDocVersion(doc)
  const result = useMemo(() => {
    void version
    return doc ? readProfile(doc) : null
  }, [doc, version])
  const closed = snapshot?.closedReason ?? null
  const header = (
    <>
      <RoomClosedMessage snapshot={snapshot} />
      <LocalProblemMessage room={room} snapshot={snapshot} />
    </>
  )
  if (room === null || snapshot === null || result === null || closed !== null) {
    return (
      <div className="stack" data-testid="profile.view">
        {header}
        {closed === null ? <p role="status">{t('profile.loading')}</p> : null}
      </div>
    )
  }
  if (!result.ok) {
    const { facts } = snapshot
    const stillArriving = !facts.localLoaded || facts.firstConnecting || (facts.connected && !facts.synced)
    return (
      <div className="stack" data-testid="profile.view">
        {header}
        {result.reason === 'empty' && stillArriving ? <p role="status">{t('profile.loading')}</p> : <DocProblem reason={result.reason} issues={result.issues} testId="profile.problem" room={room} />}
      </div>
    )
  }
  const may = (root: string): boolean => snapshot.writable && mayEditProfileRoot(role, root)
  const { doc: profileDoc } = room
  return (
    <FieldPresenceContext.Provider value={room.provider.awareness}>
      <div className="stack profile" data-testid="profile.view" data-plain={plain ? 'true' : 'false'} data-writable={snapshot.writable ? 'true' : 'false'}>
        {header}
        {plain ? <h3>{t('profile.plainHeading')}</h3> : null}
        <p className="meta">{t(plain ? 'profile.plainIntro' : 'profile.intro')}</p>
        <p className="notice" data-testid="profile.health-hint">
          {t(plain ? 'profile.plainHealthHint' : 'profile.healthHint')}
        </p>
        <section aria-labelledby={`${id}-a2`} className="stack" data-testid="profile.a2">
          <h3 id={`${id}-a2`}>{t(swiss ? 'profile.a2ch' : 'profile.a2')}</h3>
          <ProfileTextGroup doc={profileDoc} name="wishes" keys={WishKeys} editable={may('wishes')} plain={plain} />
          <ProfileEntryList doc={profileDoc} name="career" editable={may('career')} plain={plain} />
          <ProfileEntryList doc={profileDoc} name="actionPlan" editable={may('actionPlan')} plain={plain} />
        </section>
        <section aria-labelledby={`${id}-a3`} className="stack" data-testid="profile.a3">
          <h3 id={`${id}-a3`}>{t(swiss ? 'profile.a3ch' : 'profile.a3')}</h3>
          <ProfileTextGroup doc={profileDoc} name="competences" keys={CompetenceKeys} editable={may('competences')} plain={plain} />
          <ProfileEntryList doc={profileDoc} name="occupations" editable={may('occupations')} plain={plain} />
          <ProfileEntryList doc={profileDoc} name="assessments" editable={may('assessments')} plain={plain} />
        </section>
      </div>
    </FieldPresenceContext.Provider>
  )
}
