/**
 * "Begleitung" (issue 19, profile A7–A9): support intensity, the
 * Standortgespräche on their schedule and the crisis log — tandem only, in
 * the notes room; a page of its own like the reports, reachable from the
 * case's links and its reminder line.
 */
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useUser } from '../AuthContext.js'
import { CoachOnlyGate } from '../report/ReportScreen.js'
import { useDocsVersion, useReportRooms } from '../report/useReportRooms.js'
import { IncidentLog } from './IncidentLog.js'
import { ProgressSchedule } from './ProgressSchedule.js'
import { SupportIntensity } from './SupportIntensity.js'

export function AccompanimentScreen() {
  const { t } = useTranslation()
  const { caseId = '' } = useParams()
  const user = useUser()
  const rooms = useReportRooms(caseId)
  useDocsVersion(rooms.plan.room?.doc ?? null, rooms.notes.room?.doc ?? null)
  const writable = rooms.notes.snapshot?.writable ?? false
  const caseLink = `/cases/${encodeURIComponent(caseId)}`
  // A coach who left the case since is named as a former member.
  const nameOf = (userId: string): string => rooms.detail?.members.find((member) => member.userId === userId)?.name ?? t('accompaniment.formerMember')
  return (
    <CoachOnlyGate rooms={rooms}>
      {(plan, notes) => (
        <div className="stack accompaniment" data-testid="accompaniment.page">
          <Link to={caseLink} className="back-link">
            ← {t('report.back')}
          </Link>
          <h1>{t('accompaniment.heading')}</h1>
          <p className="meta">{t('accompaniment.tandemOnly')}</p>
          <ProgressSchedule plan={plan} notes={notes} writable={writable} />
          <SupportIntensity notes={notes} writable={writable} />
          <IncidentLog notes={notes} writable={writable} userId={user.id} nameOf={nameOf} />
          <p>
            <Link to={`${caseLink}/exit`} data-testid="accompaniment.exit-link">
              {t('accompaniment.exitLink')}
            </Link>
          </p>
        </div>
      )}
    </CoachOnlyGate>
  )
}
