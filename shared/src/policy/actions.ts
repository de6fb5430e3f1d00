/**
 * The action policy: who may do what to a case and its resources, beside the
 * room matrix of access.ts (who may open which document). The server's routes
 * enforce it (403 for a refused role, 409 for a change to a closed case); the
 * client reads it to decide which controls to offer. This file is the one
 * place these rules live.
 */
import type { CaseRole } from './access.js'

/** The named actions of the policy. */
export const Actions = [
  /** `PATCH /api/cases/:id`: title, type, employerCanEdit. */
  'case.update',
  /** `POST /api/cases/:id/close` (issue 10). */
  'case.close',
  /**
   * `PATCH /api/cases/:id/flow` (issue 19): the case follows the German or the
   * Swiss flow, over the installation's default. Coaches, and admins without
   * membership; never the employer or the coachee, whose agreement it changes.
   */
  'case.setFlow',
  /** `DELETE /api/cases/:id`: erasure on request. */
  'case.erase',
  'members.add',
  'members.remove',
  'invitations.create',
  'invitations.list',
  'invitations.revoke',
  /** A new token for an open invitation (after failed accepts limited it, or when it was lost); issue 17. */
  'invitations.renew',
  /** Accepting an invitation to the case (the caller is no member yet). */
  'invitations.accept',
  /** The coachee's own consent, given in the app (evidence `inApp`). */
  'consent.grant',
  /** A coach records a consent the coachee signed on paper (evidence `signedForm`). */
  'consent.recordPaper',
  'consent.revoke',
  /** Releases from confidentiality (Schweigepflichtentbindung, issue 16): record one. */
  'releases.manage',
  /**
   * Give one's own release in the app (evidence `inApp`): the coachee, or a
   * legal guardian for the coachee, as the releasor; never for someone else.
   */
  'releases.giveOwn',
  /** List the releases (filtered per role by the route). */
  'releases.read',
  /** Revoke a release: coaches, and the coachee or guardian for the coachee. */
  'releases.revoke',
  'agreement.list',
  'agreement.agree',
  /** Versions of the plan (contract §8.4): whoever reads the plan. */
  'versions.readPlan',
  /** Versions of the notes: whoever reads the notes (coaches). */
  'versions.readNotes',
  /**
   * Restoring a version of the plan or the notes: coaches only. Not an
   * employer who co-edits the plan: a restore writes every field, the
   * title, dates, hours budget and phase included, which an employer may
   * not change (contract §8.2).
   */
  'versions.restore',
  'audit.read',
  /** The data export (GDPR Art. 15) of a coachee of the case; `isSelf` when it is the caller's own. */
  'export.read',
  /** The job-coaching process aids: SMART warnings on goals, the completeness summary of the case. */
  'process.follow',
  /** Interim and final reports and the reading view (built from the notes). */
  'report.read',
  'supervision.createCopy',
  /**
   * The anonymised final report of a closed case for the caller's own pool
   * application (issue 20 point 7): a coach of the case; the route also
   * refuses an open case (409).
   */
  'report.exportAnonymised',
  /** The author's review of an unreleased copy: legend, redactions, release (a coach of the source case). */
  'supervision.reviewCopy',
  /** A new access link for an external member (coachee, employer) to set a new password (contract §8.5). */
  'members.newAccessLink',
  /** Create, change and deactivate accounts (the admin screen). */
  'accounts.manage',
  /** Set another account's password, or its admin flag: admins, on staff accounts only (contract §8.5). */
  'accounts.manageStaffCredentials',
  /** See every account, not only the active staff a coach picks a second coach from. */
  'accounts.listAll',
  /** Create supervision groups and change their members. */
  'supervisionGroups.manage',
  /** See every supervision group, not only one's own. */
  'supervisionGroups.listAll',
  /** List the billing records kept after erasure (issue 16, Art. 17(3)(b) GDPR / § 147 AO). */
  'billing.listRetained',
  /**
   * The team lead's overview (issue 22): every coach's caseload and every
   * case's due items, derived from structured data only. It opens no
   * document: a lead reads notes and confidential fields only as a coach of
   * the case (the room matrix, by membership).
   */
  'team.overview',
  /** Reassign a case to another coach, or add / remove a substitute coach (a lead; audited). */
  'team.reassign',
  /** The annual figures for funders (aggregated and suppressed): a lead or an admin. */
  'statistics.read',
  /**
   * A case's funding (issue 18): funding body, file number, referring body,
   * approvals with their rates. Coaches of the case and admins (billing);
   * never the employer or the coachee (rates are the service's business).
   */
  'funding.read',
  /** Recording the funding body and approvals (new records only; corrections are records too). */
  'funding.write',
  /** The directory of funding bodies: add, change, deactivate, delete unused ones. */
  'fundingBodies.manage',
  /**
   * Invoices (issue 18, billing): drafts, issued invoices and their PDF/CSV.
   * Per case: its coaches, and staff with the billing flag without
   * membership; never the employer or the coachee (they only confirm their
   * month of hours). A caller sees and bills only the cases this allows.
   */
  'invoices.read',
  /** Issuing an invoice from a draft and cancelling one (Storno): the same callers as `invoices.read`. */
  'invoices.issue',
  /** Setting the billing flag and the coach's own rate on a staff account: admins. */
  'accounts.manageBilling',
  /**
   * The monthly proof of hours (issue 18 point 2): date, duration, category,
   * place and coach of a month's entries. Every member of the case (the
   * employer and the coachee confirm it) and admins; never the activity text.
   */
  'hoursProof.read',
  /** Confirming a month's proof: the employer, the coachee, the guardian for the coachee; never a coach in their name. */
  'hoursProof.confirm',
  /**
   * Requests and intake (issue 19): the request list, recording a request,
   * the order clarification (A1), accepting (a case) and declining. No case
   * yet, so no case role: staff who take requests (`takesIntake`).
   */
  'requests.read',
  'requests.write',
  /**
   * The Jobcoach pool (issue 20): one's own application, profile and
   * keeping-qualified records, and answering a proposal to a request. Staff
   * accounts; each sees only their own (the route takes the caller's id).
   */
  'pool.own',
  /** The coordination office: applications, evidence checks, classification, Kennenlerngespräch, matching, proposals. */
  'pool.coordinate',
  /** Reading the applications for the admission decision: the office and the Integrationsamt. */
  'pool.review',
  /** The Integrationsamt's approval of an admission (the second approver beside the office). */
  'pool.approveAsIntegrationsamt',
  /**
   * A case's application and contact log (issue 19, A4/A5): its coaches,
   * and the coachee (or guardian) reading their own search; never the
   * employer member, who must not see the other employers.
   */
  'jobSearch.read',
  /** Adding and changing entries of the log: the case's coaches. */
  'jobSearch.write',
  /**
   * The service's employer directory (B5): staff who take cases
   * (`takesIntake`); it holds no coachee data.
   */
  'employers.read',
  'employers.write',
] as const
export type Action = (typeof Actions)[number]

/** The facts a conditional cell depends on; a fact left out counts as false. */
export interface ActionFacts {
  /** The caller's account has the admin flag. */
  isAdmin?: boolean
  /** The action concerns the caller's own data (their own export). */
  isSelf?: boolean
  /** The case is closed: read-only for everyone except the actions marked `whileClosed` (issue 10). */
  caseClosed?: boolean
  /** The kind of the account acted on (staff, or external: a coachee's or an employer's); left out, neither rule holds. */
  targetKind?: 'staff' | 'external'
  /** The caller's staff account has the team-lead flag (issue 22). */
  isLead?: boolean
  /** The caller's staff account has the billing flag (issue 18): invoices of every case, no case content. */
  isBilling?: boolean
  /**
   * The caller takes requests (issue 19): a staff account that coaches, leads
   * or administers — every staff account except one that only supervises (a
   * member of a supervision group who coaches no case and is neither lead
   * nor admin). Employers and coachees never.
   */
  takesIntake?: boolean
  /** The caller's account is a staff account (the pool takes staff and invited freelance coaches, never employers or coachees). */
  isStaff?: boolean
  /** The caller's staff account has the coordination-office flag (issue 20). */
  isCoordinator?: boolean
  /** The caller's staff account has the Integrationsamt flag: second approver of pool admissions (issue 20). */
  isIntegrationsamt?: boolean
}

/**
 * A cell of the action matrix: always, never, or only with a fact. `ifAdmin`
 * means the admin flag alone allows it (it opens no case otherwise);
 * `ifAdminOnStaff` also needs the account acted on to be staff (admin rights
 * end at staff accounts); `ifTargetExternal` needs it to be external.
 * `ifLead` needs the team-lead flag, `ifLeadOrAdmin` either flag; neither
 * opens a document of a case. `ifBilling` needs the billing flag (invoices
 * only).
 */
export type ActionRule = 'yes' | 'no' | 'ifSelf' | 'ifAdmin' | 'ifAdminOnStaff' | 'ifTargetExternal' | 'ifLead' | 'ifLeadOrAdmin' | 'ifBilling' | 'ifTakesIntake' | 'ifStaff' | 'ifCoordinator' | 'ifPoolReviewer' | 'ifIntegrationsamt'

/** A row of the action matrix: one cell per case role and one for callers with no role in the case. */
export interface ActionRow {
  coach: ActionRule
  employer: ActionRule
  coachee: ActionRule
  /** The coachee's legal guardian (acts for the coachee: agreement, consent). */
  guardian: ActionRule
  /** No role in the case (not a member), or an action on no case (accounts, groups). */
  none: ActionRule
  /** Still allowed once the case is closed (otherwise 409). */
  whileClosed: boolean
}

const coachOnly = { coach: 'yes', employer: 'no', coachee: 'no', guardian: 'no', none: 'no' } as const
const adminOnly = { coach: 'ifAdmin', employer: 'ifAdmin', coachee: 'ifAdmin', guardian: 'ifAdmin', none: 'ifAdmin', whileClosed: true } as const
// The lead's actions concern the team, not one case: the caller's role in a case changes nothing.
const leadOnly = { coach: 'ifLead', employer: 'ifLead', coachee: 'ifLead', guardian: 'ifLead', none: 'ifLead', whileClosed: true } as const
const leadOrAdmin = { coach: 'ifLeadOrAdmin', employer: 'ifLeadOrAdmin', coachee: 'ifLeadOrAdmin', guardian: 'ifLeadOrAdmin', none: 'ifLeadOrAdmin', whileClosed: true } as const
// Requests come before any case: the caller's role in some case changes nothing.
const intakeStaff = { coach: 'ifTakesIntake', employer: 'ifTakesIntake', coachee: 'ifTakesIntake', guardian: 'ifTakesIntake', none: 'ifTakesIntake', whileClosed: true } as const
// The pool concerns accounts, not cases: the caller's role in some case changes nothing.
const poolRow = (rule: ActionRule) => ({ coach: rule, employer: rule, coachee: rule, guardian: rule, none: rule, whileClosed: true }) as const
/** Whoever reads the plan (contract §3) agrees to it; the unit test keeps this in step with the access matrix. */
const planReaders = { coach: 'yes', employer: 'yes', coachee: 'yes', guardian: 'yes', none: 'no' } as const

/**
 * The action matrix, row by row. `whileClosed` keeps what the routes have
 * always allowed on a closed case: revoking a consent, removing a member and
 * revoking an invitation (all of them end someone's access), erasure, and
 * every read.
 */
export const actionMatrix: Readonly<Record<Action, ActionRow>> = {
  'case.update': { ...coachOnly, whileClosed: false },
  'case.close': { ...coachOnly, whileClosed: false },
  'case.setFlow': { ...coachOnly, none: 'ifAdmin', whileClosed: false },
  'case.erase': { coach: 'yes', employer: 'ifAdmin', coachee: 'ifAdmin', guardian: 'ifAdmin', none: 'ifAdmin', whileClosed: true },
  'members.add': { ...coachOnly, whileClosed: false },
  'members.remove': { ...coachOnly, whileClosed: true },
  'invitations.create': { ...coachOnly, whileClosed: false },
  'invitations.list': { ...coachOnly, whileClosed: true },
  'invitations.revoke': { ...coachOnly, whileClosed: true },
  'invitations.renew': { ...coachOnly, whileClosed: false },
  'invitations.accept': { coach: 'yes', employer: 'yes', coachee: 'yes', guardian: 'yes', none: 'yes', whileClosed: false },
  // The guardian grants and revokes for the coachee (recorded as "für" the coachee).
  'consent.grant': { coach: 'no', employer: 'no', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: false },
  'consent.recordPaper': { ...coachOnly, whileClosed: false },
  'consent.revoke': { coach: 'yes', employer: 'no', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: true },
  'releases.manage': { ...coachOnly, whileClosed: false },
  // The route also checks the releasor is the caller's own membership and the evidence is the app.
  'releases.giveOwn': { coach: 'no', employer: 'no', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: false },
  // Filtered by the route: coachee and guardian see every release (it is the
  // coachee's); an employer only those released towards them.
  'releases.read': { coach: 'yes', employer: 'yes', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: true },
  'releases.revoke': { coach: 'yes', employer: 'no', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: true },
  'agreement.list': { ...planReaders, whileClosed: true },
  'agreement.agree': { ...planReaders, whileClosed: false },
  'versions.readPlan': { ...planReaders, whileClosed: true },
  'versions.readNotes': { ...coachOnly, whileClosed: true },
  'versions.restore': { ...coachOnly, whileClosed: false },
  'audit.read': { ...coachOnly, whileClosed: true },
  'export.read': { coach: 'yes', employer: 'no', coachee: 'ifSelf', guardian: 'no', none: 'no', whileClosed: true },
  'process.follow': { ...coachOnly, whileClosed: true },
  'report.read': { ...coachOnly, whileClosed: true },
  'supervision.createCopy': { ...coachOnly, whileClosed: true },
  'report.exportAnonymised': { ...coachOnly, whileClosed: true },
  'supervision.reviewCopy': { ...coachOnly, whileClosed: true },
  // Kept on a closed case: the coachee may still need to read and export their data.
  'members.newAccessLink': { coach: 'ifTargetExternal', employer: 'no', coachee: 'no', guardian: 'no', none: 'no', whileClosed: true },
  'accounts.manage': adminOnly,
  'accounts.manageStaffCredentials': {
    coach: 'ifAdminOnStaff',
    employer: 'ifAdminOnStaff',
    coachee: 'ifAdminOnStaff',
    guardian: 'ifAdminOnStaff',
    none: 'ifAdminOnStaff',
    whileClosed: true,
  },
  'accounts.listAll': adminOnly,
  'supervisionGroups.manage': adminOnly,
  'supervisionGroups.listAll': adminOnly,
  'billing.listRetained': adminOnly,
  'team.overview': leadOnly,
  // A closed case keeps its coaches: nobody needs to take over a case that has ended.
  'team.reassign': { ...leadOnly, whileClosed: false },
  'statistics.read': leadOrAdmin,
  'funding.read': { coach: 'yes', employer: 'no', coachee: 'no', guardian: 'no', none: 'ifAdmin', whileClosed: true },
  'funding.write': { coach: 'yes', employer: 'no', coachee: 'no', guardian: 'no', none: 'ifAdmin', whileClosed: false },
  'fundingBodies.manage': adminOnly,
  // Closed cases are still billed; billing staff need no membership (they open no document).
  'invoices.read': { coach: 'yes', employer: 'no', coachee: 'no', guardian: 'no', none: 'ifBilling', whileClosed: true },
  'invoices.issue': { coach: 'yes', employer: 'no', coachee: 'no', guardian: 'no', none: 'ifBilling', whileClosed: true },
  'accounts.manageBilling': {
    coach: 'ifAdminOnStaff',
    employer: 'ifAdminOnStaff',
    coachee: 'ifAdminOnStaff',
    guardian: 'ifAdminOnStaff',
    none: 'ifAdminOnStaff',
    whileClosed: true,
  },
  // A closed case's last months may still be confirmed and billed.
  'hoursProof.read': { coach: 'yes', employer: 'yes', coachee: 'yes', guardian: 'yes', none: 'ifAdmin', whileClosed: true },
  'hoursProof.confirm': { coach: 'no', employer: 'yes', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: true },
  'requests.read': intakeStaff,
  'requests.write': intakeStaff,
  'pool.own': poolRow('ifStaff'),
  'pool.coordinate': poolRow('ifCoordinator'),
  'pool.review': poolRow('ifPoolReviewer'),
  'pool.approveAsIntegrationsamt': poolRow('ifIntegrationsamt'),
  'jobSearch.read': { coach: 'yes', employer: 'no', coachee: 'yes', guardian: 'yes', none: 'no', whileClosed: true },
  'jobSearch.write': { ...coachOnly, whileClosed: false },
  'employers.read': intakeStaff,
  'employers.write': intakeStaff,
}

function allows(rule: ActionRule, facts: ActionFacts): boolean {
  switch (rule) {
    case 'yes':
      return true
    case 'no':
      return false
    case 'ifSelf':
      return facts.isSelf === true
    case 'ifAdmin':
      return facts.isAdmin === true
    case 'ifAdminOnStaff':
      return facts.isAdmin === true && facts.targetKind === 'staff'
    case 'ifTargetExternal':
      return facts.targetKind === 'external'
    case 'ifLead':
      return facts.isLead === true
    case 'ifLeadOrAdmin':
      return facts.isLead === true || facts.isAdmin === true
    case 'ifBilling':
      return facts.isBilling === true
    case 'ifTakesIntake':
      return facts.takesIntake === true
    case 'ifStaff':
      return facts.isStaff === true
    case 'ifCoordinator':
      return facts.isCoordinator === true
    case 'ifPoolReviewer':
      return facts.isCoordinator === true || facts.isIntegrationsamt === true
    case 'ifIntegrationsamt':
      return facts.isIntegrationsamt === true
  }
}

/** Why the policy refuses an action: the role (403), or a closed case (409). */
export type Refusal = 'role' | 'caseClosed'

/**
 * Why `role` may not do `action` given the facts, or null when it may. The
 * role is judged first: a role that may never do it is refused as such, also
 * on a closed case.
 */
export function refusalOf(role: CaseRole | null, action: Action, facts: ActionFacts = {}): Refusal | null {
  const row = actionMatrix[action]
  if (!allows(row[role ?? 'none'], facts)) {
    return 'role'
  }
  return facts.caseClosed === true && !row.whileClosed ? 'caseClosed' : null
}

/** Whether `role` (null: no role in the case) may do `action`, given the facts. */
export function can(role: CaseRole | null, action: Action, facts: ActionFacts = {}): boolean {
  return refusalOf(role, action, facts) === null
}

/** Whether an action is still allowed once the case is closed. */
export function allowedWhileClosed(action: Action): boolean {
  return actionMatrix[action].whileClosed
}
