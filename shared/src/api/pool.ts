/**
 * The Jobcoach pool (issue 20): coaches apply with the admission and
 * classification form (Aufnahme- bzw. Einstufungsformular), the
 * coordination office (Koordinierungsstelle) classifies them into a group
 * and admits them together with the Integrationsamt, holds a
 * get-to-know meeting (Kennenlerngespräch), and matches admitted coaches
 * to requests. Server-side data, sealed at rest, never in a CRDT.
 *
 * Evidence is modelled as items with a kind; the files themselves live in
 * the attachment store (owner kind `poolMember`, owner id = the
 * applicant's user id), linked by `attachmentId`.
 */
import { z } from 'zod'
import { AttachmentMediaType, PoolEvidenceCategories } from './attachments.js'
import { CaseType } from './cases.js'
import { Limits } from '../limits.js'
import { Id } from './common.js'
import { Currencies } from './funding.js'
import { RoughGoal } from './requests.js'

const IsoDate = z.iso.date()
const ShortText = z.string().trim().max(Limits.maxPoolShortText)
const LongText = z.string().trim().max(Limits.maxPoolLongText)

/** The kinds of evidence: the attachment store's categories of a pool member (one list, so a file's category is its item's kind). */
export const EvidenceKinds = PoolEvidenceCategories
export const EvidenceKind = z.enum(EvidenceKinds)
export type EvidenceKind = z.infer<typeof EvidenceKind>

/** Fields of the prior professional qualification (1b): the first three need no Ausbildereignung, the others do. */
export const QualificationFields = ['therapeutic', 'social', 'educational', 'trade', 'commerce', 'administration', 'industry'] as const
export const QualificationField = z.enum(QualificationFields)
export type QualificationField = z.infer<typeof QualificationField>

/** Institutions whose Jobcoaching training the pool recognises (1a), or another one. */
export const TrainingInstitutions = ['lwl', 'lvr', 'lwv', 'bagub', 'other'] as const
export const TrainingInstitution = z.enum(TrainingInstitutions)

/** Where the applicant's Jobcoaching training stands. */
export const TrainingStatuses = ['none', 'completed', 'inProgress', 'startsNextCohort'] as const
export const TrainingStatus = z.enum(TrainingStatuses)
export type TrainingStatus = z.infer<typeof TrainingStatus>

/** The comparable qualification of group 2a. */
export const ComparableKinds = ['none', 'systemicTraining', 'masters', 'conceptCoDeveloper'] as const
export const ComparableKind = z.enum(ComparableKinds)

/** Specialisations a coach offers and a request may need. */
export const Specialisations = ['mentalIllness', 'hearingImpairment', 'visualImpairment', 'autism', 'learningDisability', 'physicalDisability', 'acquiredBrainInjury', 'addiction'] as const
export const Specialisation = z.enum(Specialisations)
export type Specialisation = z.infer<typeof Specialisation>

/** A postcode area: the leading 1 to 5 digits of a German postcode. */
export const PostcodeArea = z.string().trim().regex(/^\d{1,5}$/, 'must be 1 to 5 digits of a postcode')
/** A language by its ISO 639-1 code (de, en, tr, ar, …). */
export const LanguageCode = z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'must be a two-letter language code')

/** The admission and classification form. */
export const PoolForm = z
  .object({
    qualificationFields: z.array(QualificationField).max(QualificationFields.length).default([]),
    qualificationTitle: ShortText.default(''),
    /** Ausbilder*inneneignung (needed with a trade, commerce, administration or industry qualification). */
    trainerAptitude: z.boolean().default(false),
    trainingStatus: TrainingStatus.default('none'),
    trainingInstitution: TrainingInstitution.default('other'),
    trainingInstitutionName: ShortText.default(''),
    /** Teaching units (UE) of the Jobcoaching training; at least 160 count. */
    trainingHours: z.number().int().min(0).max(Limits.maxPoolTrainingHours).default(0),
    trainingExamPassed: z.boolean().default(false),
    comparableKind: ComparableKind.default('none'),
    comparableHours: z.number().int().min(0).max(Limits.maxPoolTrainingHours).default(0),
    comparableTitle: ShortText.default(''),
    /** Completed JobcoachingAP cases confirmed by an Inklusions-/Integrationsamt (LWL, LVR, LWV). */
    confirmedCases: z.number().int().min(0).max(Limits.maxPoolCases).default(0),
    /** Years of relevant professional experience (Arbeitsrehabilitation, -integration, …). */
    experienceYears: z.number().min(0).max(Limits.maxPoolExperienceYears).default(0),
    /** The questionnaire "Jobcoaching" is answered (its file is evidence of kind `questionnaire`). */
    questionnaireDone: z.boolean().default(false),
  })
  .strict()
export type PoolForm = z.output<typeof PoolForm>

/** Availability and profile (issue 20 point 5). */
export const PoolProfile = z
  .object({
    postcodeAreas: z.array(PostcodeArea).max(Limits.maxPoolRegions).default([]),
    districts: z.array(ShortText.min(1)).max(Limits.maxPoolRegions).default([]),
    hoursFreePerWeek: z.number().min(0).max(Limits.maxPoolHoursPerWeek).default(0),
    caseTypes: z.array(CaseType).max(CaseType.options.length).default([]),
    languages: z.array(LanguageCode).max(Limits.maxPoolLanguages).default([]),
    specialisations: z.array(Specialisation).max(Specialisations.length).default([]),
    employment: z.enum(['employed', 'freelance']).default('employed'),
    /** The employer (Träger) of an employed coach. */
    employerName: ShortText.default(''),
    /** A freelance coach's hourly rate in cents. */
    hourlyRateCents: z.number().int().min(0).max(Limits.maxRateCents).nullable().default(null),
    currency: z.enum(Currencies).default('EUR'),
  })
  .strict()
export type PoolProfile = z.output<typeof PoolProfile>

/** One piece of evidence; the office confirms it after checking the file. */
export const EvidenceItem = z.object({
  id: Id,
  kind: EvidenceKind,
  description: ShortText,
  /** The attachment in the attachment store, once uploaded. */
  attachmentId: z.string().max(Limits.maxAttachmentIdLength).nullable(),
  confirmed: z.boolean(),
  confirmedAt: z.iso.datetime().nullable(),
  /**
   * Set on an anonymised final report Fallbuch made from a closed case the
   * applicant coached, on the author's approval (issue 20 point 7): a
   * SHA-256 digest of the case, never its id, so one case counts once. It
   * counts toward 2b without the office's confirmation: the server saw the
   * case closed and the applicant its coach (shared/src/pool/groups.ts).
   */
  fromFallbuchCase: z.string().regex(/^[0-9a-f]{64}$/).optional(),
})
export type EvidenceItem = z.infer<typeof EvidenceItem>

/** The file of an evidence item as the API shows it (its bytes come from `contentUrl`). */
export const EvidenceFile = z.object({
  name: z.string(),
  mediaType: AttachmentMediaType,
  sizeBytes: z.number().int().nonnegative(),
  /** The pool member's attachment route: the applicant, the office and the Integrationsamt download it there. */
  contentUrl: z.string(),
})
export type EvidenceFile = z.infer<typeof EvidenceFile>

/** An evidence item as the API shows it: with its file, while the attachment exists. */
export const ApiEvidenceItem = EvidenceItem.extend({ file: EvidenceFile.nullable() })
export type ApiEvidenceItem = z.infer<typeof ApiEvidenceItem>

/**
 * `POST /api/pool/me/evidence/:evidenceId/file`: links one of the
 * applicant's own uploads to an unconfirmed item (null unlinks); the file
 * linked before is deleted.
 */
export const SetEvidenceFileBody = z.object({ attachmentId: z.string().trim().min(1).max(Limits.maxAttachmentIdLength).nullable() }).strict()
export type SetEvidenceFileBody = z.infer<typeof SetEvidenceFileBody>

/** `POST /api/pool/me/evidence`, also by the office for an application. */
export const AddEvidenceBody = z
  .object({ kind: EvidenceKind, description: ShortText.min(1, 'must not be empty'), attachmentId: z.string().trim().min(1).max(Limits.maxAttachmentIdLength).nullable().default(null) })
  .strict()
export type AddEvidenceBody = z.input<typeof AddEvidenceBody>

export const PoolGroups = ['group1', 'group2', 'group3'] as const
export const PoolGroup = z.enum(PoolGroups)
export type PoolGroup = z.infer<typeof PoolGroup>

/** draft (the applicant fills it) → submitted → classified → admitted; or declined. */
export const ApplicationStatuses = ['draft', 'submitted', 'classified', 'admitted', 'declined'] as const
export const ApplicationStatus = z.enum(ApplicationStatuses)
export type ApplicationStatus = z.infer<typeof ApplicationStatus>

/** The Kennenlerngespräch: planned, then documented. */
export const Meeting = z.object({
  scheduledFor: z.iso.datetime({ local: true }).nullable(),
  place: ShortText,
  /** A person the office brings in (optional). */
  withPerson: ShortText,
  heldOn: IsoDate.nullable(),
  notes: LongText,
})
export type Meeting = z.infer<typeof Meeting>

export const MeetingBody = Meeting.partial().strict()
export type MeetingBody = z.infer<typeof MeetingBody>

/** A further training (Fortbildung) the member attended. */
export const TrainingRecord = z.object({ id: Id, on: IsoDate, title: ShortText.min(1), hours: z.number().min(0).max(Limits.maxPoolTrainingHours) })
export type TrainingRecord = z.infer<typeof TrainingRecord>
export const AddTrainingBody = TrainingRecord.omit({ id: true }).strict()

/** A case supervision outside Fallbuch (the groups in Fallbuch count by themselves). */
export const SupervisionRecord = z.object({ id: Id, on: IsoDate, note: ShortText })
export type SupervisionRecord = z.infer<typeof SupervisionRecord>
export const AddSupervisionBody = SupervisionRecord.omit({ id: true }).strict()

/** One approval of the admission: the coordination office's and the Integrationsamt's. */
export const Approval = z.object({ byId: Id, byName: z.string(), at: z.iso.datetime() })
export type Approval = z.infer<typeof Approval>

export const ApplicationSummary = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  status: ApplicationStatus,
  group: PoolGroup.nullable(),
  submittedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
})
export type ApplicationSummary = z.infer<typeof ApplicationSummary>

/** Which requirements of a group are still missing (shared/src/pool/groups.ts). */
export const GroupCheck = z.object({ group: PoolGroup, met: z.boolean(), missing: z.array(z.string()) })
export type GroupCheck = z.infer<typeof GroupCheck>

/** The keeping-qualified state of one calendar year (shared/src/pool/keepingQualified.ts). */
export const QualifiedYear = z.object({
  year: z.number().int(),
  trainings: z.number().int(),
  supervisions: z.number().int(),
  /** Of them, supervisions in Fallbuch's own groups. */
  supervisionsInFallbuch: z.number().int(),
  trainingMet: z.boolean(),
  supervisionMet: z.boolean(),
  reminders: z.array(z.string()),
})
export type QualifiedYear = z.infer<typeof QualifiedYear>

export const Application = ApplicationSummary.extend({
  form: PoolForm,
  profile: PoolProfile,
  evidence: z.array(ApiEvidenceItem),
  groupChecks: z.array(GroupCheck),
  classifiedAt: z.iso.datetime().nullable(),
  officeApproval: Approval.nullable(),
  integrationsamtApproval: Approval.nullable(),
  admittedAt: z.iso.datetime().nullable(),
  decisionNote: z.string(),
  meeting: Meeting,
  trainings: z.array(TrainingRecord),
  supervisions: z.array(SupervisionRecord),
  qualified: QualifiedYear,
})
export type Application = z.infer<typeof Application>

export const ApplicationReply = z.object({ application: Application })
export type ApplicationReply = z.infer<typeof ApplicationReply>
export const ApplicationsReply = z.object({ applications: z.array(ApplicationSummary.extend({ qualified: QualifiedYear.nullable() })) })
export type ApplicationsReply = z.infer<typeof ApplicationsReply>

/** `PATCH /api/pool/me`: the applicant's own form and profile (while not decided, the form; the profile always). */
export const SaveOwnApplicationBody = z.object({ form: PoolForm.optional(), profile: PoolProfile.optional() }).strict()
export type SaveOwnApplicationBody = z.input<typeof SaveOwnApplicationBody>

/** `POST /api/pool/applications/:id/classify` (coordinator). */
export const ClassifyBody = z.object({ group: PoolGroup, note: LongText.default('') }).strict()
export type ClassifyBody = z.input<typeof ClassifyBody>

/** `POST /api/pool/applications/:id/decline` (coordinator). */
export const DeclineApplicationBody = z.object({ note: LongText.min(1, 'must not be empty') }).strict()

/** `POST /api/pool/applications/:id/evidence/:evidenceId/confirm` (coordinator). */
export const ConfirmEvidenceBody = z.object({ confirmed: z.boolean() }).strict()

// ---- Matching (issue 20 point 6) ----

/** What the office enters for matching a request; no health data (no specialisation is shown to coaches before they accept). */
export const MatchNeeds = z
  .object({
    postcode: z.string().trim().regex(/^\d{5}$/, 'must be a postcode'),
    caseType: CaseType,
    hoursPerWeek: z.number().min(0).max(Limits.maxPoolHoursPerWeek),
    specialisations: z.array(Specialisation).max(Specialisations.length).default([]),
    languages: z.array(LanguageCode).max(Limits.maxPoolLanguages).default([]),
  })
  .strict()
export type MatchNeeds = z.output<typeof MatchNeeds>

export const MatchFactors = ['group', 'region', 'hours', 'caseType', 'specialisation', 'languages', 'caseload', 'meeting'] as const
export const MatchReason = z.object({ factor: z.enum(MatchFactors), points: z.number(), detail: z.string() })
export type MatchReason = z.infer<typeof MatchReason>
export const RankedCoach = z.object({ userId: Id, name: z.string(), score: z.number(), reasons: z.array(MatchReason) })
export type RankedCoach = z.infer<typeof RankedCoach>

export const ProposalStatuses = ['proposed', 'accepted', 'declined', 'withdrawn'] as const
export const ProposalStatus = z.enum(ProposalStatuses)
export type ProposalStatus = z.infer<typeof ProposalStatus>
export const Proposal = z.object({
  id: Id,
  requestId: Id,
  userId: Id,
  name: z.string(),
  status: ProposalStatus,
  proposedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
})
export type Proposal = z.infer<typeof Proposal>

/** `GET /api/pool/requests/:id/matching` (coordinator). */
export const MatchingReply = z.object({ needs: MatchNeeds.nullable(), ranking: z.array(RankedCoach), proposals: z.array(Proposal), caseId: Id.nullable() })
export type MatchingReply = z.infer<typeof MatchingReply>

/** A tandem is two coaches. */
const TandemSize = 2

/** `POST /api/pool/requests/:id/proposals` (coordinator): a tandem (or one coach). */
export const ProposeBody = z
  .object({ userIds: z.array(Id).min(1).max(TandemSize) })
  .strict()
  .refine((body) => new Set(body.userIds).size === body.userIds.length, 'must not repeat a coach')

/**
 * What a proposed coach sees of a request before accepting: no name, no
 * requester, no reason text, no specialisation need — only what lets a coach
 * judge whether they can take it.
 */
export const ProposalPreview = z.object({
  proposalId: Id,
  requestId: Id,
  status: ProposalStatus,
  proposedAt: z.iso.datetime(),
  postcodeArea: z.string(),
  caseType: CaseType,
  hoursPerWeek: z.number(),
  languages: z.array(z.string()),
  roughGoals: z.array(RoughGoal),
  /** The case, once both accepted (only to an accepting coach). */
  caseId: Id.nullable(),
})
export type ProposalPreview = z.infer<typeof ProposalPreview>
export const ProposalPreviewsReply = z.object({ proposals: z.array(ProposalPreview) })
export type ProposalPreviewsReply = z.infer<typeof ProposalPreviewsReply>

export const AnswerProposalBody = z.object({ answer: z.enum(['accept', 'decline']) }).strict()

export type SaveOwnApplicationFields = z.output<typeof SaveOwnApplicationBody>
export type ClassifyFields = z.output<typeof ClassifyBody>
export type AddEvidenceFields = z.output<typeof AddEvidenceBody>
export type AddTrainingFields = z.output<typeof AddTrainingBody>
export type AddSupervisionFields = z.output<typeof AddSupervisionBody>

/** `POST /api/pool/applications/:id/approve`: the office's or the Integrationsamt's approval of the admission. */
export const ApproveBody = z.object({ as: z.enum(['office', 'integrationsamt']) }).strict()

/** `POST /api/pool/proposals/:id/answer`'s reply: the case, once the last proposed coach accepted. */
export const AnswerProposalReply = z.object({ caseId: Id.nullable() })
export type AnswerProposalReply = z.infer<typeof AnswerProposalReply>

export const ProposalsReply = z.object({ proposals: z.array(Proposal) })
export type ProposalsReply = z.infer<typeof ProposalsReply>
