/**
 * The job search (issue 19, shared/src/api/jobSearch.ts). A case's
 * application and contact log: its coaches read and write, the coachee and
 * a guardian read; the employer member gets 403, a non-member 404 (the
 * action policy's jobSearch.read / jobSearch.write). The employer directory:
 * staff who take cases (employers.read / employers.write with the
 * `takesIntake` fact); everyone else 403.
 */
import type { PoolApplicantLookup } from '../../storage/pool/PoolInvitationStorage.js'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  SaveEmployerBody,
  SaveJobSearchEntryBody,
  type Employer,
  type EmployerReply,
  type EmployersReply,
  type JobSearchEntry,
  type JobSearchEntryReply,
  type JobSearchReply,
} from '../../../../shared/src/api/jobSearch.js'
import { isOpaqueId } from '../../../../shared/src/ids.js'
import { can, type Action } from '../../../../shared/src/policy/actions.js'
import { addJobSearchEntry, changeEmployer, changeJobSearchEntry, createEmployer, deleteEmployer } from '../../commands/jobSearch.js'
import { takesIntake } from '../../commands/requests.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { EmployerDirectoryStorage, EmployerRecord, JobSearchEntryWithNames, JobSearchStorage } from '../../storage/jobSearch/JobSearchStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { SupervisionGroupStorage } from '../../storage/supervision/SupervisionStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseFor } from './caseAccess.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & MemberStorage & SessionStorage & SupervisionGroupStorage & JobSearchStorage & EmployerDirectoryStorage & PoolApplicantLookup

/** An entry as the API shows it. */
export function toApiJobSearchEntry(entry: JobSearchEntryWithNames): JobSearchEntry {
  return {
    id: entry.id,
    kind: entry.kind,
    employerId: entry.employerId,
    employerName: entry.employerName,
    contactPerson: entry.contactPerson,
    position: entry.position,
    placementKind: entry.placementKind,
    date: entry.date,
    status: entry.status,
    nextStep: entry.nextStep,
    nextStepOn: entry.nextStepOn,
    interviewOn: entry.interviewOn,
    interviewPreparation: entry.interviewPreparation,
    accompaniedByCoach: entry.accompaniedByCoach,
    createdAt: entry.createdAt,
    createdByName: entry.createdByName,
    updatedAt: entry.updatedAt,
  }
}

/** A directory entry as the API shows it. */
export function toApiEmployer(employer: EmployerRecord): Employer {
  return {
    id: employer.id,
    name: employer.name,
    sector: employer.sector,
    address: employer.address,
    contacts: employer.contacts,
    notes: employer.notes,
    placements: employer.placements,
    createdAt: employer.createdAt,
    updatedAt: employer.updatedAt,
  }
}

export function registerJobSearchRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  /** The staff caller, once the policy lets them do `action` on the directory (403 otherwise). */
  const directoryCaller = async (request: FastifyRequest, action: Action) => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, action, { takesIntake: await takesIntake(ctx.storage, user) })
    return user
  }
  const employerId = (id: string): string => {
    if (!isOpaqueId(id)) {
      throw notFound('employerNotFound', 'No such employer')
    }
    return id
  }

  app.get<{ Params: { id: string } }>('/api/cases/:id/job-search', async (request): Promise<JobSearchReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseFor(ctx, request.params.id, user.id, 'jobSearch.read')
    const entries = await ctx.storage.listJobSearchEntries(record.id)
    return { entries: entries.map(toApiJobSearchEntry), mayWrite: can(member.role, 'jobSearch.write', { caseClosed: record.closedAt !== null }) }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/job-search', async (request, reply): Promise<JobSearchEntryReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'jobSearch.write')
    const body = parseBody(SaveJobSearchEntryBody, request.body)
    reply.code(201)
    return { entry: toApiJobSearchEntry(await addJobSearchEntry(ctx, record, body, user)) }
  })

  app.patch<{ Params: { id: string; entryId: string } }>('/api/cases/:id/job-search/:entryId', async (request): Promise<JobSearchEntryReply> => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'jobSearch.write')
    const body = parseBody(SaveJobSearchEntryBody, request.body)
    if (!isOpaqueId(request.params.entryId)) {
      throw notFound('jobSearchEntryNotFound', 'No such entry in this case')
    }
    return { entry: toApiJobSearchEntry(await changeJobSearchEntry(ctx, record, request.params.entryId, body, user)) }
  })

  app.get('/api/employers', async (request): Promise<EmployersReply> => {
    await directoryCaller(request, 'employers.read')
    return { employers: (await ctx.storage.listEmployers()).map(toApiEmployer) }
  })

  app.post('/api/employers', async (request, reply): Promise<EmployerReply> => {
    await directoryCaller(request, 'employers.write')
    const body = parseBody(SaveEmployerBody, request.body)
    reply.code(201)
    return { employer: toApiEmployer(await createEmployer(ctx, body)) }
  })

  app.patch<{ Params: { id: string } }>('/api/employers/:id', async (request): Promise<EmployerReply> => {
    await directoryCaller(request, 'employers.write')
    const body = parseBody(SaveEmployerBody, request.body)
    return { employer: toApiEmployer(await changeEmployer(ctx, employerId(request.params.id), body)) }
  })

  app.delete<{ Params: { id: string } }>('/api/employers/:id', async (request, reply) => {
    await directoryCaller(request, 'employers.write')
    await deleteEmployer(ctx, employerId(request.params.id))
    return reply.code(204).send()
  })
}
