/**
 * The job search (issue 19, A4/A5, B5): a case's application and contact
 * log, written by its coaches, and the service's employer directory. An
 * entry may name a directory employer (its name is copied, so the entry
 * keeps it when the directory entry goes); when an entry with a directory
 * employer reaches `placed`, the directory gains a past placement —
 * position, kind, year, never who.
 */
import { JobSearchLimits, placementOfEntry, type EmployerValues, type JobSearchEntryValues } from '../../../shared/src/api/jobSearch.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { EmployerDirectoryStorage, EmployerRecord, JobSearchEntryRecord, JobSearchEntryWithNames, JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'
import { assertCaseOpenFor } from './cases.js'
import { InvalidInputError, NotFoundError } from './errors.js'

type Actor = Pick<UserRecord, 'id' | 'name'>
type Ports = JobSearchStorage & EmployerDirectoryStorage

/** The directory employer an entry names must exist; its current name is what the entry keeps. */
async function employerNameFor(services: Services<Ports>, values: JobSearchEntryValues, previous: JobSearchEntryRecord | null): Promise<string> {
  if (values.employerId === null || values.employerId === previous?.employerId) {
    return values.employerName
  }
  const employer = await services.storage.findEmployer(values.employerId)
  if (employer === null) {
    throw new NotFoundError('employerNotFound', 'employerId: no such employer in the directory')
  }
  return values.employerName.trim() === '' ? employer.name : values.employerName
}

/** Adds the entry's placement to its directory employer when it has just become `placed`. */
async function recordPlacement(services: Services<Ports>, entry: JobSearchEntryRecord, previous: JobSearchEntryRecord | null): Promise<void> {
  if (entry.status !== 'placed' || entry.employerId === null || (previous?.status === 'placed' && previous.employerId === entry.employerId)) {
    return
  }
  await services.storage.addPastPlacement(entry.employerId, placementOfEntry(entry), entry.updatedAt)
}

/** Adds an entry to the case's log (a coach of the open case; checked before). */
export async function addJobSearchEntry(services: Services<Ports>, record: CaseRecord, values: JobSearchEntryValues, actor: Actor): Promise<JobSearchEntryWithNames> {
  assertCaseOpenFor(record, 'jobSearch.write')
  if ((await services.storage.listJobSearchEntries(record.id)).length >= JobSearchLimits.maxEntriesPerCase) {
    throw new InvalidInputError('invalidInput', `the log of a case holds at most ${JobSearchLimits.maxEntriesPerCase} entries`)
  }
  const now = services.clock()
  const at = now.toISOString()
  const entry: JobSearchEntryRecord = {
    ...values,
    employerName: await employerNameFor(services, values, null),
    id: newId(),
    caseId: record.id,
    createdAt: at,
    createdBy: actor.id,
    updatedAt: at,
  }
  await services.storage.addJobSearchEntry(entry, [auditEntry(record.id, 'jobSearchEntryAdded', actor.id, now, { entryId: entry.id, status: entry.status })])
  await recordPlacement(services, entry, null)
  // Ids only: an entry names an employer the person applied to.
  services.logger.info({ caseId: record.id, entryId: entry.id, by: actor.id }, 'job search entry added')
  return { ...entry, createdByName: actor.name }
}

/** Changes an entry of the case's log. */
export async function changeJobSearchEntry(
  services: Services<Ports>,
  record: CaseRecord,
  entryId: string,
  values: JobSearchEntryValues,
  actor: Actor,
): Promise<JobSearchEntryWithNames> {
  assertCaseOpenFor(record, 'jobSearch.write')
  const previous = await services.storage.findJobSearchEntry(record.id, entryId)
  if (previous === null) {
    throw new NotFoundError('jobSearchEntryNotFound', 'No such entry in this case')
  }
  const now = services.clock()
  const entry: JobSearchEntryRecord = {
    ...values,
    employerName: await employerNameFor(services, values, previous),
    id: previous.id,
    caseId: record.id,
    createdAt: previous.createdAt,
    createdBy: previous.createdBy,
    updatedAt: now.toISOString(),
  }
  if (!(await services.storage.saveJobSearchEntry(entry, [auditEntry(record.id, 'jobSearchEntryChanged', actor.id, now, { entryId, status: entry.status })]))) {
    throw new NotFoundError('jobSearchEntryNotFound', 'No such entry in this case')
  }
  await recordPlacement(services, entry, previous)
  return { ...entry, createdByName: previous.createdByName }
}

/** Adds an employer to the directory. */
export async function createEmployer(services: Services<EmployerDirectoryStorage>, values: EmployerValues): Promise<EmployerRecord> {
  if ((await services.storage.countEmployers()) >= JobSearchLimits.maxEmployers) {
    throw new InvalidInputError('invalidInput', `the directory holds at most ${JobSearchLimits.maxEmployers} employers`)
  }
  const at = services.clock().toISOString()
  const employer: EmployerRecord = { ...values, id: newId(), createdAt: at, updatedAt: at }
  await services.storage.addEmployer(employer)
  return employer
}

/** Changes a directory entry. */
export async function changeEmployer(services: Services<EmployerDirectoryStorage>, id: string, values: EmployerValues): Promise<EmployerRecord> {
  const previous = await services.storage.findEmployer(id)
  if (previous === null) {
    throw new NotFoundError('employerNotFound', 'No such employer')
  }
  const employer: EmployerRecord = { ...values, id, createdAt: previous.createdAt, updatedAt: services.clock().toISOString() }
  if (!(await services.storage.saveEmployer(employer))) {
    throw new NotFoundError('employerNotFound', 'No such employer')
  }
  return employer
}

/** Deletes a directory entry and destroys its key; log entries keep the employer's name. */
export async function deleteEmployer(services: Services<EmployerDirectoryStorage>, id: string): Promise<void> {
  if (!(await services.storage.deleteEmployer(id))) {
    throw new NotFoundError('employerNotFound', 'No such employer')
  }
}
