/**
 * The Jobcoach pool (issue 20) on either backend. An application's details
 * are one JSON column sealed with the applicant's own key; status, group
 * and instants stay plain for the office's list. Match needs are sealed
 * with a key of their own request; proposals hold ids and instants only.
 */
import type { MatchNeeds } from '../../../../shared/src/api/pool.js'
import { insertAuditOf } from '../audit/auditStore.js'
import { all, run, type Query } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { ApplicationDetails, ApplicationRecord, ApplicationWithName, PoolStorage, ProposalRecord, ProposalWithName } from './PoolStorage.js'

interface ApplicationRow {
  id: string
  user_id: string
  status: ApplicationRecord['status']
  pool_group: ApplicationRecord['group']
  details: string
  created_at: string
  updated_at: string
  submitted_at: string | null
  admitted_at: string | null
  name: string
}

interface ProposalRow {
  id: string
  request_id: string
  user_id: string
  status: ProposalRecord['status']
  proposed_at: string
  proposed_by: string
  answered_at: string | null
  name: string
}

function detailsOf(record: ApplicationRecord): ApplicationDetails {
  return {
    form: record.form,
    profile: record.profile,
    evidence: record.evidence,
    meeting: record.meeting,
    trainings: record.trainings,
    supervisions: record.supervisions,
    classifiedAt: record.classifiedAt,
    officeApproval: record.officeApproval,
    integrationsamtApproval: record.integrationsamtApproval,
    decisionNote: record.decisionNote,
  }
}

function toApplication(row: ApplicationRow): ApplicationWithName {
  const details = JSON.parse(row.details) as ApplicationDetails
  return {
    ...details,
    id: row.id,
    userId: row.user_id,
    status: row.status,
    group: row.pool_group,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    admittedAt: row.admitted_at,
    name: row.name,
  }
}

function toProposal(row: ProposalRow): ProposalWithName {
  return {
    id: row.id,
    requestId: row.request_id,
    userId: row.user_id,
    status: row.status,
    proposedAt: row.proposed_at,
    proposedBy: row.proposed_by,
    answeredAt: row.answered_at,
    name: row.name,
  }
}

const SQL_SELECT_APPLICATION = 'SELECT a.*, u.name AS name FROM pool_applications a JOIN users u ON u.id = a.user_id'
const SQL_INSERT_APPLICATION = `INSERT INTO pool_applications (id, user_id, status, pool_group, details, created_at, updated_at, submitted_at, admitted_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING`
const SQL_SAVE_APPLICATION = `UPDATE pool_applications SET status = ?, pool_group = ?, details = ?, updated_at = ?, submitted_at = ?, admitted_at = ?
  WHERE id = ? AND updated_at = ?`
const SQL_DELETE_PROPOSALS_OF_USER = 'DELETE FROM pool_proposals WHERE user_id = ?'
const SQL_DELETE_APPLICATION = 'DELETE FROM pool_applications WHERE id = ?'
const SQL_UPSERT_NEEDS = `INSERT INTO pool_match_needs (request_id, details, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (request_id) DO UPDATE SET details = excluded.details, updated_at = excluded.updated_at`
const SQL_FIND_NEEDS = 'SELECT request_id AS id, request_id AS owner, details FROM pool_match_needs WHERE request_id = ?'
const SQL_SELECT_PROPOSAL = 'SELECT p.*, u.name AS name FROM pool_proposals p JOIN users u ON u.id = p.user_id'
const SQL_UPSERT_PROPOSAL = `INSERT INTO pool_proposals (id, request_id, user_id, status, proposed_at, proposed_by, answered_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
  ON CONFLICT (request_id, user_id) DO UPDATE SET status = excluded.status, proposed_at = excluded.proposed_at, proposed_by = excluded.proposed_by, answered_at = NULL`
const SQL_ANSWER_PROPOSAL = "UPDATE pool_proposals SET status = ?, answered_at = ? WHERE id = ? AND status = 'proposed'"

/** Inserts an application whose details are sealed already (inside an operation); whether it did. */
export function* insertApplication(record: ApplicationRecord, sealed: string): Query<boolean> {
  const result = yield* run(SQL_INSERT_APPLICATION, record.id, record.userId, record.status, record.group, sealed, record.createdAt, record.updatedAt, record.submittedAt, record.admittedAt)
  return result.changes === 1
}

/** An application's details sealed with its applicant's key. */
export function sealApplicationDetails(atRest: StoreContext['atRest'], record: ApplicationRecord): Promise<string> {
  return atRest.sealPoolDetails('pool_applications', record.userId, record.id, JSON.stringify(detailsOf(record)))
}

/** {@link PoolStorage} on either backend. */
export function createPoolStore({ db, atRest }: StoreContext): PoolStorage {
  const openApplications = async (rows: ApplicationRow[]): Promise<ApplicationWithName[]> =>
    (await atRest.openPoolRows('pool_applications', rows.map((row) => ({ ...row, owner: row.user_id })))).map(toApplication)
  const sealApplication = (record: ApplicationRecord): Promise<string> => sealApplicationDetails(atRest, record)
  const applications = async (where: string, ...params: string[]): Promise<ApplicationWithName[]> =>
    openApplications(await db.query(all<ApplicationRow>(`${SQL_SELECT_APPLICATION} ${where}`, ...params)))
  const proposals = async (where: string, ...params: string[]): Promise<ProposalWithName[]> =>
    (await db.query(all<ProposalRow>(`${SQL_SELECT_PROPOSAL} ${where}`, ...params))).map(toProposal)

  return {
    async addApplication(record) {
      const sealed = await sealApplication(record)
      return db.transaction(() => insertApplication(record, sealed))
    },

    findApplication: async (id) => (await applications('WHERE a.id = ?', id))[0] ?? null,
    findApplicationOfUser: async (userId) => (await applications('WHERE a.user_id = ?', userId))[0] ?? null,
    listApplications: () => applications('ORDER BY a.updated_at DESC, a.id'),

    async saveApplication(record, expectedUpdatedAt, audit) {
      const sealed = await sealApplication(record)
      return db.transaction(function* () {
        const result = yield* run(SQL_SAVE_APPLICATION, record.status, record.group, sealed, record.updatedAt, record.submittedAt, record.admittedAt, record.id, expectedUpdatedAt)
        if (result.changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      })
    },

    async deleteApplication(id, audit) {
      const found = (await applications('WHERE a.id = ?', id))[0]
      if (found === undefined) {
        return false
      }
      return db.transaction(function* () {
        yield* run(SQL_DELETE_PROPOSALS_OF_USER, found.userId)
        if ((yield* run(SQL_DELETE_APPLICATION, id)).changes !== 1) {
          return false
        }
        yield* insertAuditOf(audit, undefined)
        return true
      })
    },

    async setMatchNeeds(requestId, needs, at) {
      const sealed = await atRest.sealPoolDetails('pool_match_needs', requestId, requestId, JSON.stringify(needs))
      await db.transaction(() => run(SQL_UPSERT_NEEDS, requestId, sealed, at))
    },

    async findMatchNeeds(requestId) {
      const rows = await atRest.openPoolRows('pool_match_needs', await db.query(all<{ id: string; owner: string; details: string }>(SQL_FIND_NEEDS, requestId)))
      return rows[0] === undefined ? null : (JSON.parse(rows[0].details) as MatchNeeds)
    },

    async proposeCoaches(records) {
      await db.transaction(function* () {
        for (const record of records) {
          yield* run(SQL_UPSERT_PROPOSAL, record.id, record.requestId, record.userId, record.status, record.proposedAt, record.proposedBy)
        }
      })
    },

    listProposalsOfRequest: (requestId) => proposals('WHERE p.request_id = ? ORDER BY p.proposed_at, p.id', requestId),
    listProposalsOfUser: (userId) => proposals('WHERE p.user_id = ? ORDER BY p.proposed_at DESC, p.id', userId),
    findProposal: async (id) => (await proposals('WHERE p.id = ?', id))[0] ?? null,

    answerProposal: async (id, status, at) => (await db.transaction(() => run(SQL_ANSWER_PROPOSAL, status, at, id))).changes === 1,
  }
}
