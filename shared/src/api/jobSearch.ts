/**
 * Search and interviews (issue 19, qualification profile A4/A5, B5): a case's
 * application and contact log, and the service-wide employer directory.
 * Both are server-side tables sealed at rest, never in a CRDT.
 *
 * Who sees what (shared/src/policy/actions.ts `jobSearch.*`, `employers.*`):
 * - the log belongs to one case: its coaches write it; the coachee (and a
 *   guardian for them) reads it — it is their own search, the profile asks
 *   the coaches to strengthen the person's own search (A4), and it is their
 *   data (Art. 15). The employer member of the case never sees it: the
 *   other employers the person applied to are none of their business.
 * - the directory belongs to the service: staff who take cases read and
 *   write it. It holds employers, their contacts and past placements
 *   (position, kind, year) — never a coachee's name or case.
 */
import { z } from 'zod'
import { Limits } from '../limits.js'
import { Id } from './common.js'

/** Limits of the job search's texts and lists, read by the schemas and the forms. */
export const JobSearchLimits = {
  maxNameLength: 200,
  maxTextLength: 2_000,
  maxEntriesPerCase: 500,
  maxEmployers: 2_000,
  maxContacts: 20,
  maxPlacements: 200,
} as const

const IsoDate = z.iso.date()
const Name = z.string().trim().max(JobSearchLimits.maxNameLength)
const Text = z.string().trim().max(JobSearchLimits.maxTextLength)

/**
 * The kind of placement sought (A4: Praktikumsstelle, Trainingseinsatzplatz,
 * Festanstellung; and an apprenticeship or training place).
 */
export const PlacementKinds = ['internship', 'trainingPlacement', 'permanent', 'apprenticeship'] as const
export const PlacementKind = z.enum(PlacementKinds)
export type PlacementKind = z.infer<typeof PlacementKind>

/** What an entry is: a written application, or a contact (a call, a visit) with a potential employer. */
export const JobSearchEntryKinds = ['application', 'contact'] as const
export const JobSearchEntryKind = z.enum(JobSearchEntryKinds)
export type JobSearchEntryKind = z.infer<typeof JobSearchEntryKind>

/** Where an application or contact stands, from planned to a placement or its end. */
export const JobSearchStatuses = ['planned', 'sent', 'interview', 'trial', 'placed', 'rejected', 'withdrawn'] as const
export const JobSearchStatus = z.enum(JobSearchStatuses)
export type JobSearchStatus = z.infer<typeof JobSearchStatus>

/** Statuses after which nothing is pending: no next step is shown as due. */
export const ClosedJobSearchStatuses: readonly JobSearchStatus[] = ['placed', 'rejected', 'withdrawn']

/** The fields of a log entry a coach writes. */
export const JobSearchEntryFields = z
  .object({
    kind: JobSearchEntryKind,
    /** The directory employer this entry is with, when the coach picked one; its name is copied into `employerName` when that is left empty. */
    employerId: Id.nullable().default(null),
    employerName: Name.default(''),
    /** Who at the employer (for a contact, or the addressee of an application). */
    contactPerson: Name.default(''),
    position: Name.default(''),
    placementKind: PlacementKind,
    /** When it was sent or the contact happened. */
    date: IsoDate,
    status: JobSearchStatus,
    nextStep: Text.default(''),
    nextStepOn: IsoDate.nullable().default(null),
    /** A5: the day of the interview (Vorstellungsgespräch), when there is one. */
    interviewOn: IsoDate.nullable().default(null),
    /** A4/A5: how the interview is prepared (training, documents, what the person wants to say). */
    interviewPreparation: Text.default(''),
    /** A5: whether a coach goes along to the interview; the person decides (the profile: "der/die Klient/-in bestimmt"). */
    accompaniedByCoach: z.boolean().default(false),
  })
  .strict()
export type JobSearchEntryInput = z.input<typeof JobSearchEntryFields>
export type JobSearchEntryValues = z.output<typeof JobSearchEntryFields>

/** `POST /api/cases/:id/job-search` · `PATCH /api/cases/:id/job-search/:entryId`: an employer by name, or picked from the directory. */
export const SaveJobSearchEntryBody = JobSearchEntryFields.refine((entry) => entry.employerId !== null || entry.employerName !== '', {
  path: ['employerName'],
  message: 'must not be empty without a directory employer',
})
export type SaveJobSearchEntryBody = JobSearchEntryInput

/** One entry of the log as the API shows it. */
export const JobSearchEntry = JobSearchEntryFields.extend({
  id: Id,
  createdAt: z.iso.datetime(),
  createdByName: z.string(),
  updatedAt: z.iso.datetime(),
})
export type JobSearchEntry = z.infer<typeof JobSearchEntry>

/** `GET /api/cases/:id/job-search`: newest date first. `mayWrite`: the caller may add and change entries. */
export const JobSearchReply = z.object({ entries: z.array(JobSearchEntry), mayWrite: z.boolean() })
export type JobSearchReply = z.infer<typeof JobSearchReply>

export const JobSearchEntryReply = z.object({ entry: JobSearchEntry })
export type JobSearchEntryReply = z.infer<typeof JobSearchEntryReply>

/** A contact person at a directory employer (B5: the network kept up to date). */
export const EmployerContact = z
  .object({
    name: Name.min(1, 'must not be empty'),
    /** Their function ("Personalleiterin", "Schichtleitung"). */
    function: Name.default(''),
    phone: Name.default(''),
    email: Name.default(''),
  })
  .strict()
export type EmployerContact = z.output<typeof EmployerContact>

/**
 * A past placement at a directory employer: what kind of place for which
 * position, in which year — never who (no name, no case).
 */
export const PastPlacement = z
  .object({
    position: Name.default(''),
    placementKind: PlacementKind,
    year: z.number().int().min(1990).max(Limits.maxStatisticsYear),
  })
  .strict()
export type PastPlacement = z.output<typeof PastPlacement>

/** The fields of a directory entry. */
export const EmployerFields = z
  .object({
    name: Name.min(1, 'must not be empty'),
    sector: Name.default(''),
    address: Text.default(''),
    contacts: z.array(EmployerContact).max(JobSearchLimits.maxContacts).default([]),
    /** The service's notes on the cooperation (what places they offer, how they like to be contacted), about the company, not a person in coaching. */
    notes: Text.default(''),
    placements: z.array(PastPlacement).max(JobSearchLimits.maxPlacements).default([]),
  })
  .strict()

/** `POST /api/employers` · `PATCH /api/employers/:id`. */
export const SaveEmployerBody = EmployerFields
export type SaveEmployerBody = z.input<typeof EmployerFields>
export type EmployerValues = z.output<typeof EmployerFields>

/** A directory entry as the API shows it. */
export const Employer = EmployerFields.extend({ id: Id, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
export type Employer = z.infer<typeof Employer>

/** `GET /api/employers`: by name. */
export const EmployersReply = z.object({ employers: z.array(Employer) })
export type EmployersReply = z.infer<typeof EmployersReply>

export const EmployerReply = z.object({ employer: Employer })
export type EmployerReply = z.infer<typeof EmployerReply>

/**
 * The past placement a log entry adds to its directory employer when it
 * reaches `placed`: position, kind and year, nothing of the person.
 */
export function placementOfEntry(entry: Pick<JobSearchEntryValues, 'position' | 'placementKind' | 'date'>): PastPlacement {
  return { position: entry.position, placementKind: entry.placementKind, year: Number(entry.date.slice(0, 4)) }
}
