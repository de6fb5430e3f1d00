/** The job search (issue 19, A4/A5, B5): a case's application and contact log, and the service's employer directory. */
import type { EmployerValues, JobSearchEntryValues, PastPlacement } from '../../../../shared/src/api/jobSearch.js'
import type { AuditRecord } from '../audit/AuditStorage.js'

/** An entry of a case's log, its details opened. */
export interface JobSearchEntryRecord extends JobSearchEntryValues {
  id: string
  caseId: string
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** An entry with the name of who recorded it. */
export interface JobSearchEntryWithNames extends JobSearchEntryRecord {
  createdByName: string
}

/** A directory employer, its details opened. */
export interface EmployerRecord extends EmployerValues {
  id: string
  createdAt: string
  updatedAt: string
}

/** The case's application and contact log. */
export interface JobSearchStorage {
  /** Adds an entry with its audit entries, in one transaction. */
  addJobSearchEntry(record: JobSearchEntryRecord, audit: readonly AuditRecord[]): Promise<void>
  /** Replaces an entry of the case; false when the case has no such entry. */
  saveJobSearchEntry(record: JobSearchEntryRecord, audit: readonly AuditRecord[]): Promise<boolean>
  /** The case's entries, newest date first. */
  listJobSearchEntries(caseId: string): Promise<JobSearchEntryWithNames[]>
  findJobSearchEntry(caseId: string, entryId: string): Promise<JobSearchEntryWithNames | null>
}

/** The service's employer directory. */
export interface EmployerDirectoryStorage {
  addEmployer(record: EmployerRecord): Promise<void>
  /** Replaces an entry; false when there is none. */
  saveEmployer(record: EmployerRecord): Promise<boolean>
  /** Every entry, by name. */
  listEmployers(): Promise<EmployerRecord[]>
  findEmployer(id: string): Promise<EmployerRecord | null>
  /** Appends a past placement (position, kind, year) to an entry; false when there is none. */
  addPastPlacement(id: string, placement: PastPlacement, at: string): Promise<boolean>
  /** Deletes an entry (log entries keep their copy of the name); false when there was none. */
  deleteEmployer(id: string): Promise<boolean>
  /** How many entries the directory holds. */
  countEmployers(): Promise<number>
}
