/** The Jobcoach pool (issue 20): records and port. */
import type {
  ApplicationStatus,
  Approval,
  EvidenceItem,
  MatchNeeds,
  Meeting,
  PoolForm,
  PoolGroup,
  PoolProfile,
  ProposalStatus,
  SupervisionRecord,
  TrainingRecord,
} from '../../../../shared/src/api/pool.js'
import type { AuditOf } from '../audit/AuditStorage.js'

/** The sealed part of an application: everything the person and the office wrote. */
export interface ApplicationDetails {
  form: PoolForm
  profile: PoolProfile
  evidence: EvidenceItem[]
  meeting: Meeting
  trainings: TrainingRecord[]
  supervisions: SupervisionRecord[]
  classifiedAt: string | null
  officeApproval: Approval | null
  integrationsamtApproval: Approval | null
  decisionNote: string
}

/** An application row with its details opened. */
export interface ApplicationRecord extends ApplicationDetails {
  id: string
  userId: string
  status: ApplicationStatus
  group: PoolGroup | null
  createdAt: string
  updatedAt: string
  submittedAt: string | null
  admittedAt: string | null
}

/** An application with the applicant's name. */
export interface ApplicationWithName extends ApplicationRecord {
  name: string
}

/** A proposal of a coach for a request. */
export interface ProposalRecord {
  id: string
  requestId: string
  userId: string
  status: ProposalStatus
  proposedAt: string
  proposedBy: string
  answeredAt: string | null
}

export interface ProposalWithName extends ProposalRecord {
  name: string
}

/** Applications, match needs and proposals. */
export interface PoolStorage {
  /** Inserts a new application; false when the account has one already. */
  addApplication(record: ApplicationRecord): Promise<boolean>
  findApplication(id: string): Promise<ApplicationWithName | null>
  findApplicationOfUser(userId: string): Promise<ApplicationWithName | null>
  /** Every application, newest change first. */
  listApplications(): Promise<ApplicationWithName[]>
  /**
   * Writes the application as given when the stored one still has
   * `expectedUpdatedAt` (no change came in between), with `audit`; false
   * otherwise.
   */
  saveApplication(record: ApplicationRecord, expectedUpdatedAt: string, audit?: AuditOf): Promise<boolean>
  /** Deletes an application and its account's proposals, with `audit`; false (nothing written) when there was none. */
  deleteApplication(id: string, audit?: AuditOf): Promise<boolean>
  setMatchNeeds(requestId: string, needs: MatchNeeds, at: string): Promise<void>
  findMatchNeeds(requestId: string): Promise<MatchNeeds | null>
  /** Inserts proposals; a coach proposed earlier for the request (any status) is proposed again. */
  proposeCoaches(records: readonly ProposalRecord[]): Promise<void>
  listProposalsOfRequest(requestId: string): Promise<ProposalWithName[]>
  listProposalsOfUser(userId: string): Promise<ProposalWithName[]>
  findProposal(id: string): Promise<ProposalWithName | null>
  /** Sets an open proposal's answer; false when it was answered or withdrawn meanwhile. */
  answerProposal(id: string, status: 'accepted' | 'declined' | 'withdrawn', at: string): Promise<boolean>
}
