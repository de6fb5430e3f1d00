/** The shared action policy (shared/src/policy/actions.ts) as the API's 403. */
import type { CaseRole } from '../../../shared/src/policy/access.js'
import { can, type Action, type ActionFacts } from '../../../shared/src/policy/actions.js'
import type { NotAllowedReason } from '../../../shared/src/api/errorReasons.js'
import { forbidden } from './errors.js'

const coachesOnly = ['coachesOnly', 'Only the coaches of this case can do this'] as const
const planNotReadable = ['planNotReadable', 'You cannot read the plan of this case'] as const

/** What a 403 says for each action the policy refuses: the reason the client translates, and the English message. */
const refusals: Readonly<Record<Action, readonly [NotAllowedReason, string]>> = {
  'case.update': coachesOnly,
  'case.close': coachesOnly,
  'case.setFlow': ['flowCoachesOrAdmin', 'Only the coaches of this case or an admin can change its flow'],
  'case.erase': ['eraseCoachesOrAdmin', 'Only the coaches of this case or an admin can erase it'],
  'members.add': coachesOnly,
  'members.remove': coachesOnly,
  'invitations.create': coachesOnly,
  'invitations.list': coachesOnly,
  'invitations.revoke': coachesOnly,
  'invitations.renew': coachesOnly,
  'invitations.accept': ['invitationNotForYou', 'You cannot accept this invitation'],
  'consent.grant': ['coacheeGrantsOnly', 'Only the coachee can grant consent'],
  'consent.recordPaper': ['paperConsentCoachesOnly', 'Only the coaches of this case can record a consent signed on paper'],
  'consent.revoke': ['revokeCoacheeOrCoach', 'Only the coachee or a coach can revoke a consent'],
  'releases.manage': ['releasesCoachesOnly', 'Only the coaches of this case record a release from confidentiality'],
  'releases.giveOwn': ['releasesOwnOnly', 'Only the coachee or their guardian gives their own release in the app'],
  'releases.read': ['notAllowed', 'You cannot see the releases of this case'],
  'releases.revoke': ['revokeCoacheeOrCoach', 'Only the coachee, their guardian or a coach can revoke a release'],
  'agreement.list': planNotReadable,
  'agreement.agree': planNotReadable,
  'versions.readPlan': planNotReadable,
  'versions.readNotes': ['notesVersionsCoachesOnly', 'Only the coaches of this case see versions of the notes'],
  'versions.restore': coachesOnly,
  'audit.read': coachesOnly,
  'export.read': ['exportCoacheeOrCoach', 'Only the coachee, or a coach on their behalf, can download this data'],
  'process.follow': coachesOnly,
  'report.read': coachesOnly,
  'supervision.createCopy': coachesOnly,
  'report.exportAnonymised': coachesOnly,
  'supervision.reviewCopy': coachesOnly,
  'members.newAccessLink': ['accessLinkCoachesOnly', 'Only the coaches of this case can make a new access link, and only for a coachee or an employer'],
  'accounts.manage': ['adminOnly', 'Only an admin can change accounts'],
  'accounts.manageStaffCredentials': [
    'staffCredentialsOnly',
    'An admin sets passwords and the admin flag of staff accounts only; a coachee or employer gets a new access link from a coach of their case',
  ],
  'accounts.listAll': ['adminOnly', 'Only an admin can see every account'],
  'supervisionGroups.manage': ['adminOnly', 'Only an admin can change supervision groups'],
  'supervisionGroups.listAll': ['adminOnly', 'Only an admin can see every supervision group'],
  'billing.listRetained': ['adminOnly', 'Only an admin can list the retained billing records'],
  'team.overview': ['leadOnly', 'Only a team lead sees the team overview'],
  'team.reassign': ['leadOnly', 'Only a team lead can reassign a case'],
  'statistics.read': ['statisticsLeadOrAdmin', 'Only a team lead or an admin can read the statistics'],
  'funding.read': ['fundingCoachesOrAdmin', 'Only the coaches of this case or an admin see its funding'],
  'funding.write': ['fundingCoachesOrAdmin', 'Only the coaches of this case or an admin record its funding'],
  'fundingBodies.manage': ['adminOnly', 'Only an admin can change the directory of funding bodies'],
  'invoices.read': ['invoicesCoachesOrBilling', 'Only the coaches of a case or staff with the billing flag see its invoices'],
  'invoices.issue': ['invoicesCoachesOrBilling', 'Only the coaches of a case or staff with the billing flag issue its invoices'],
  'accounts.manageBilling': ['staffCredentialsOnly', 'An admin sets the billing flag and rates of staff accounts only'],
  'hoursProof.read': ['notAllowed', 'Only the members of this case or an admin see its proof of hours'],
  'hoursProof.confirm': ['hoursProofConfirmers', 'Only the employer, the coachee or the guardian confirm the hours of a month'],
  'requests.read': ['requestsIntakeStaff', 'Only coaches, team leads and admins see the requests'],
  'requests.write': ['requestsIntakeStaff', 'Only coaches, team leads and admins record and decide requests'],
  'pool.own': ['poolStaffOnly', 'Only staff accounts use the job coach pool'],
  'pool.coordinate': ['poolCoordinatorOnly', 'Only the coordination office can do this'],
  'pool.review': ['poolReviewersOnly', 'Only the coordination office and the Integrationsamt see applications'],
  'pool.approveAsIntegrationsamt': ['poolIntegrationsamtOnly', 'Only the Integrationsamt gives this approval'],
  'jobSearch.read': ['jobSearchNotForEmployer', 'Only the coaches and the coachee of this case see its job search'],
  'jobSearch.write': ['coachesOnly', 'Only the coaches of this case can do this'],
  'employers.read': ['employersIntakeStaff', 'Only coaches, team leads and admins see the employer directory'],
  'employers.write': ['employersIntakeStaff', 'Only coaches, team leads and admins change the employer directory'],
}

/**
 * 403 unless the policy lets `role` do `action` (the case's closed state is
 * judged apart, by {@link assertCaseOpenFor}, where the route has always
 * judged it). `message` overrides the action's usual refusal text.
 */
export function assertMay(role: CaseRole | null, action: Action, facts: ActionFacts = {}, message?: string): void {
  if (!can(role, action, { ...facts, caseClosed: false })) {
    const [reason, usual] = refusals[action]
    throw forbidden(reason, message ?? usual)
  }
}

