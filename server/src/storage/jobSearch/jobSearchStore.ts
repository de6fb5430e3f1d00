/**
 * The job search (issue 19) on either backend. A log entry's details are one
 * JSON column sealed with its case's key and go with the case's erasure
 * (ON DELETE CASCADE, then the key destroyed); a directory entry's details
 * are sealed with the entry's own key, destroyed when it is deleted.
 */
import type { EmployerValues, JobSearchEntryValues } from '../../../../shared/src/api/jobSearch.js'
import { employerKeyOwner } from '../../crypto/keyOwners.js'
import { insertAudit } from '../audit/auditStore.js'
import { all, run } from '../sql/query.js'
import type { StoreContext } from '../StoreContext.js'
import type { EmployerDirectoryStorage, EmployerRecord, JobSearchEntryRecord, JobSearchEntryWithNames, JobSearchStorage } from './JobSearchStorage.js'

interface EntryRow {
  id: string
  case_id: string
  employer_id: string | null
  details: string
  created_at: string
  created_by: string
  updated_at: string
  created_by_name: string
}

interface EmployerRow {
  id: string
  details: string
  created_at: string
  updated_at: string
}

/** The sealed part of an entry: everything but the ids and instants (the employer id stays plain for the directory's link). */
type EntryDetails = Omit<JobSearchEntryValues, 'employerId'>

function entryDetailsOf(record: JobSearchEntryRecord): EntryDetails {
  const { id: _id, caseId: _caseId, createdAt: _createdAt, createdBy: _createdBy, updatedAt: _updatedAt, employerId: _employerId, ...details } = record
  return details
}

function toEntry(row: EntryRow): JobSearchEntryWithNames {
  const details = JSON.parse(row.details) as EntryDetails
  return {
    ...details,
    employerId: row.employer_id,
    id: row.id,
    caseId: row.case_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    createdByName: row.created_by_name,
  }
}

function employerDetailsOf(record: EmployerRecord): EmployerValues {
  return { name: record.name, sector: record.sector, address: record.address, contacts: record.contacts, notes: record.notes, placements: record.placements }
}

function toEmployer(row: EmployerRow): EmployerRecord {
  const details = JSON.parse(row.details) as EmployerValues
  return { ...details, contacts: details.contacts ?? [], placements: details.placements ?? [], id: row.id, createdAt: row.created_at, updatedAt: row.updated_at }
}

const SQL_ENTRIES = `SELECT e.*, u.name AS created_by_name FROM job_search_entries e JOIN users u ON u.id = e.created_by WHERE e.case_id = ?`
const SQL_ENTRY = `${SQL_ENTRIES} AND e.id = ?`
const SQL_INSERT_ENTRY = `INSERT INTO job_search_entries (id, case_id, employer_id, details, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
const SQL_UPDATE_ENTRY = 'UPDATE job_search_entries SET employer_id = ?, details = ?, updated_at = ? WHERE id = ? AND case_id = ?'
const SQL_EMPLOYERS = 'SELECT * FROM employer_directory'
const SQL_EMPLOYER = 'SELECT * FROM employer_directory WHERE id = ?'
const SQL_INSERT_EMPLOYER = 'INSERT INTO employer_directory (id, details, created_at, updated_at) VALUES (?, ?, ?, ?)'
const SQL_UPDATE_EMPLOYER = 'UPDATE employer_directory SET details = ?, updated_at = ? WHERE id = ?'
// Compare-and-set on the sealed value: a concurrent change makes the caller read again.
const SQL_UPDATE_EMPLOYER_IF = 'UPDATE employer_directory SET details = ?, updated_at = ? WHERE id = ? AND details = ?'
const SQL_DELETE_EMPLOYER = 'DELETE FROM employer_directory WHERE id = ?'
const SQL_COUNT_EMPLOYERS = 'SELECT COUNT(*) AS n FROM employer_directory'

function byDateDesc(a: JobSearchEntryWithNames, b: JobSearchEntryWithNames): number {
  return a.date === b.date ? (a.createdAt < b.createdAt ? 1 : -1) : a.date < b.date ? 1 : -1
}

/** {@link JobSearchStorage} and {@link EmployerDirectoryStorage} on either backend. */
export function createJobSearchStore({ db, atRest }: StoreContext): JobSearchStorage & EmployerDirectoryStorage {
  const sealEntry = (record: JobSearchEntryRecord): Promise<string> => atRest.sealJobSearchDetails(record.caseId, record.id, JSON.stringify(entryDetailsOf(record)))
  const openEntries = async (caseId: string, rows: EntryRow[]): Promise<JobSearchEntryWithNames[]> => (await atRest.openJobSearchRows(caseId, rows)).map(toEntry)
  const openEmployers = async (rows: EmployerRow[]): Promise<EmployerRecord[]> => (await atRest.openEmployerRows(rows)).map(toEmployer)
  const sealEmployer = (record: EmployerRecord): Promise<string> => atRest.sealEmployerDetails(record.id, JSON.stringify(employerDetailsOf(record)))

  const store: JobSearchStorage & EmployerDirectoryStorage = {
    async addJobSearchEntry(record, audit) {
      const sealed = await sealEntry(record)
      await db.transaction(function* () {
        yield* run(SQL_INSERT_ENTRY, record.id, record.caseId, record.employerId, sealed, record.createdAt, record.createdBy, record.updatedAt)
        yield* insertAudit(audit)
      })
    },

    async saveJobSearchEntry(record, audit) {
      const sealed = await sealEntry(record)
      return db.transaction(function* () {
        const result = yield* run(SQL_UPDATE_ENTRY, record.employerId, sealed, record.updatedAt, record.id, record.caseId)
        if (result.changes !== 1) {
          return false
        }
        yield* insertAudit(audit)
        return true
      })
    },

    listJobSearchEntries: async (caseId) => (await openEntries(caseId, await db.query(all<EntryRow>(SQL_ENTRIES, caseId)))).sort(byDateDesc),

    findJobSearchEntry: async (caseId, entryId) => (await openEntries(caseId, await db.query(all<EntryRow>(SQL_ENTRY, caseId, entryId))))[0] ?? null,

    async addEmployer(record) {
      const sealed = await sealEmployer(record)
      await db.transaction(() => run(SQL_INSERT_EMPLOYER, record.id, sealed, record.createdAt, record.updatedAt))
    },

    async saveEmployer(record) {
      const sealed = await sealEmployer(record)
      return (await db.transaction(() => run(SQL_UPDATE_EMPLOYER, sealed, record.updatedAt, record.id))).changes === 1
    },

    listEmployers: async () => (await openEmployers(await db.query(all<EmployerRow>(SQL_EMPLOYERS)))).sort((a, b) => a.name.localeCompare(b.name, 'de')),

    findEmployer: async (id) => (await openEmployers(await db.query(all<EmployerRow>(SQL_EMPLOYER, id))))[0] ?? null,

    async addPastPlacement(id, placement, at) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const rows = await db.query(all<EmployerRow>(SQL_EMPLOYER, id))
        const row = rows[0]
        const current = (await openEmployers(rows))[0]
        if (row === undefined || current === undefined) {
          return false
        }
        const sealed = await sealEmployer({ ...current, placements: [...current.placements, placement] })
        if ((await db.transaction(() => run(SQL_UPDATE_EMPLOYER_IF, sealed, at, id, row.details))).changes === 1) {
          return true
        }
      }
      return false
    },

    async deleteEmployer(id) {
      const deleted = (await db.transaction(() => run(SQL_DELETE_EMPLOYER, id))).changes === 1
      if (deleted) {
        await atRest.keyring.destroyKey(employerKeyOwner(id))
      }
      return deleted
    },

    countEmployers: async () => Number((await db.query(all<{ n: number | string }>(SQL_COUNT_EMPLOYERS)))[0]?.n ?? 0),
  }
  return store
}
