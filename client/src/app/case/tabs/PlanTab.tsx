import { useTranslation } from 'react-i18next'
import { planWriteFollowsSwitch, readsByConsent } from '../../../../../shared/src/policy/access.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { AgreementPanel } from '../AgreementPanel.js'
import { AgreementPartsSection } from '../AgreementPartsSection.js'
import { SharedFieldsPanel } from '../confidential/SharedFieldsPanel.js'
import { LocalProblemMessage } from '../LocalProblem.js'
import { PlainPlanView } from '../PlainPlanView.js'
import { PlanEditor } from '../PlanEditor.js'
import { defaultPlanView } from '../planView.js'
import { CaseFlowSelect } from '../process/CaseFlowSelect.js'
import { CaseTypeSelect } from '../process/CaseTypeSelect.js'
import { RoomClosedMessage } from '../RoomClosedMessage.js'
import { useCaseScreen } from '../screen/CaseScreenContext.js'
import { TabPanel } from '../screen/TabPanel.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { EmployerCanEditSwitch } from './EmployerCanEditSwitch.js'

/** Why the plan is read-only for the caller, or that the employer may co-edit it now. */
function PlanNotice() {
  const { t } = useTranslation()
  const { role, rooms } = useCaseSession()
  const { plain } = useCaseScreen()
  const { plan } = rooms
  const planOpen = plan.room !== null && plan.snapshot !== null && plan.snapshot.closedReason === null
  // A refused change makes the plan read-only; the refusal's message says why.
  if (!planOpen || plan.snapshot?.localProblem === 'refused') {
    return null
  }
  // The employer's notices tell about the coaches' switch that decides their write access.
  const bySwitch = planWriteFollowsSwitch(role)
  if (!(plan.snapshot?.writable ?? false)) {
    return (
      <p role="status" className="notice" data-testid="plan.readonly-notice">
        {t(plain ? 'plain.readOnly' : bySwitch ? 'plan.readOnlyEmployer' : 'plan.readOnly')}
      </p>
    )
  }
  return bySwitch ? (
    <p role="status" className="notice" data-testid="plan.coedit-notice">
      {t('plan.employerMayEdit')}
    </p>
  ) : null
}

/** The measure plan: the editor (or the plain view), the coaches' settings, shared fields for the employer, and the agreement. */
export function PlanTab() {
  const { t } = useTranslation()
  const session = useCaseSession()
  const { detail, role, offline, rooms, docs, consents, agreements, roomUser, caretUser, onSessionEnded, reload } = session
  const { idPrefix, withTabs, plain, view, chooseView } = useCaseScreen()
  const { plan } = rooms
  const planOpen = plan.room !== null && plan.snapshot !== null && plan.snapshot.closedReason === null
  const myMember = detail.members.find((member) => member.userId === roomUser.id) ?? null
  const mayUpdate = can(role, 'case.update')
  return (
    <TabPanel name="plan">
      <div className="panel-head">
        <h2 id={`${idPrefix}-plan-h`} className={withTabs ? 'visually-hidden' : undefined}>
          {t(plain ? 'plain.heading' : 'plan.heading')}
        </h2>
        {defaultPlanView(role) === 'plain' ? (
          <button type="button" aria-pressed={!plain} onClick={() => chooseView(plain ? 'full' : 'plain')} data-testid="plan.view-toggle">
            {t(plain ? 'plain.showAll' : 'plain.showPlain')}
          </button>
        ) : null}
      </div>
      {mayUpdate ? <EmployerCanEditSwitch detail={detail} offline={offline} onChanged={() => reload('detail')} /> : null}
      {mayUpdate ? <CaseTypeSelect caseId={detail.id} type={detail.type} offline={offline} onChanged={() => reload('detail')} /> : null}
      <RoomClosedMessage snapshot={plan.snapshot} />
      <LocalProblemMessage room={plan.room} snapshot={plan.snapshot} />
      <PlanNotice />
      {planOpen && plan.room && plan.snapshot ? (
        plain ? (
          <PlainPlanView room={plan.room} localLoaded={plan.snapshot.facts.localLoaded} caretUser={caretUser} />
        ) : (
          <PlanEditor
            room={plan.room}
            localLoaded={plan.snapshot.facts.localLoaded}
            caretUser={caretUser}
            writable={plan.snapshot.writable}
            role={role}
            coachNotes={can(role, 'process.follow') ? docs.notes : undefined}
          />
        )
      ) : null}
      {planOpen && plan.room && plan.snapshot ? (
        // Issue 19, A6: the Swiss agreement's parts, agreed with the plan.
        <AgreementPartsSection room={plan.room} writable={plan.snapshot.writable} role={role} flow={detail.flow} plain={plain} />
      ) : null}
      {readsByConsent(role) ? (
        <SharedFieldsPanel
          caseId={detail.id}
          detail={detail}
          myMemberId={myMember?.id ?? null}
          accessOf={(field) => rooms.confidentialAccess[field]}
          grants={consents.grants}
          today={localToday()}
          roomUser={roomUser}
          caretUser={caretUser}
          onSessionEnded={onSessionEnded}
          onSnapshot={rooms.onFieldSnapshot}
        />
      ) : null}
      {/* The flow decides who must agree (contract §8.3): set beside the agreement, below the plan, so a phone shows the plan first. */}
      {can(role, 'case.setFlow') ? <CaseFlowSelect detail={detail} offline={offline} onChanged={() => reload('detail')} /> : null}
      {rooms.planAccess !== 'none' ? (
        <AgreementPanel
          detail={detail}
          userId={roomUser.id}
          liveHash={docs.liveHash}
          planRoom={planOpen ? plan.room : null}
          offline={offline}
          view={view}
          agreements={agreements}
          planDoc={planOpen && plan.room ? plan.room.doc : null}
          onAgreed={() => reload('agreements')}
        />
      ) : null}
    </TabPanel>
  )
}
