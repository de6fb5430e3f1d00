/**
 * Attachments (issue 20 point 2): files — PDF and images — kept with an
 * owner. A case keeps scanned consent forms, releases from confidentiality
 * (Schweigepflichtentbindungen) and work aids and checklists (S1:
 * Hilfsmittel und Checklisten); a pool member (the applicant's own account)
 * keeps the evidence of an application. The file's bytes go up and down as
 * a raw body, never as JSON: `POST …/attachments?category=…` with
 * `Content-Type: application/octet-stream` and the file's name in the
 * header {@link AttachmentNameHeader} — not in the address, which proxies
 * write to their access logs.
 */
import { z } from 'zod'
import { AttachmentMediaTypes } from '../attachments/sniff.js'
import { Id } from './common.js'

/** What a case keeps as files; who reads which is shared/src/policy/attachments.ts. */
export const CaseAttachmentCategories = ['consentForm', 'releaseFromConfidentiality', 'workAid'] as const
export const CaseAttachmentCategory = z.enum(CaseAttachmentCategories)
export type CaseAttachmentCategory = z.infer<typeof CaseAttachmentCategory>

/** Whether a category is one of a case's (the lists of both owners share one schema). */
export function isCaseAttachmentCategory(category: string): category is CaseAttachmentCategory {
  return (CaseAttachmentCategories as readonly string[]).includes(category)
}

/** The evidence of a pool application (Aufnahme- bzw. Einstufungsformular and its proofs). */
export const PoolEvidenceCategories = [
  'qualificationCertificate',
  'jobcoachingTraining',
  'systemicTrainingOrMaster',
  'employmentReference',
  'questionnaire',
  'anonymisedFinalReport',
  'other',
] as const
export const PoolEvidenceCategory = z.enum(PoolEvidenceCategories)
export type PoolEvidenceCategory = z.infer<typeof PoolEvidenceCategory>

/** Whose attachment it is: a case's, or a pool member's (owner id: the member's user id). */
export const AttachmentOwnerKinds = ['case', 'poolMember'] as const
export type AttachmentOwnerKind = (typeof AttachmentOwnerKinds)[number]

export type AttachmentCategory = CaseAttachmentCategory | PoolEvidenceCategory

/** Longest file name kept (the name is sealed at rest with the file). */
export const MaxAttachmentNameLength = 200

/**
 * The name a file is listed and downloaded under: printable, no path and no
 * control characters (it ends up in a Content-Disposition header).
 */
export const AttachmentName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MaxAttachmentNameLength)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((name) => !/[\u0000-\u001f\u007f/\\]/.test(name), 'must not contain control characters or slashes')

/** The header that carries an upload's file name, percent-encoded UTF-8 (encodeURIComponent). */
export const AttachmentNameHeader = 'x-attachment-name'

/** The query of a case upload. */
export const CaseUploadQuery = z.object({ category: CaseAttachmentCategory }).strict()
export type CaseUploadQuery = z.infer<typeof CaseUploadQuery>

/** The query of a pool member's upload. */
export const PoolEvidenceUploadQuery = z.object({ category: PoolEvidenceCategory }).strict()
export type PoolEvidenceUploadQuery = z.infer<typeof PoolEvidenceUploadQuery>

export const AttachmentMediaType = z.enum(AttachmentMediaTypes)

/** An attachment as listed (never its bytes: those come from its `contentUrl`). */
export const Attachment = z.object({
  id: Id,
  category: z.union([CaseAttachmentCategory, PoolEvidenceCategory]),
  name: z.string(),
  mediaType: AttachmentMediaType,
  sizeBytes: z.number().int().nonnegative(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: Id,
  uploadedByName: z.string(),
  /** Where the file is downloaded (GET, same session). */
  contentUrl: z.string(),
  /** Whether the caller may delete it. */
  mayDelete: z.boolean(),
})
export type Attachment = z.infer<typeof Attachment>

/** `GET /api/cases/:id/attachments`, `GET /api/pool-members/:userId/attachments`: the ones the caller may read, newest first; `mayUpload` lists the categories the caller may add, `maxBytes` the size limit. */
export const AttachmentsReply = z.object({
  attachments: z.array(Attachment),
  mayUpload: z.array(z.union([CaseAttachmentCategory, PoolEvidenceCategory])),
  maxBytes: z.number().int().positive(),
})
export type AttachmentsReply = z.infer<typeof AttachmentsReply>

/** `POST …/attachments`: 201. */
export const AttachmentReply = z.object({ attachment: Attachment })
export type AttachmentReply = z.infer<typeof AttachmentReply>
