/**
 * Versions of the plan and the notes (contract §8.4): snapshots the server
 * takes at every agreement, at every phase closure and when an editing
 * session settles, each with who changed the document since the snapshot
 * before. Confidential fields have no versions.
 */
import { z } from 'zod'
import { AgreementParts } from '../caseDocument/agreementParts.js'
import { Notes } from '../caseDocument/notes.js'
import { Plan } from '../caseDocument/plan.js'
import { Id } from './common.js'

/** The documents that have versions (`?doc=`). */
export const VersionDocs = ['plan', 'notes'] as const
export const VersionDoc = z.enum(VersionDocs)
export type VersionDoc = z.infer<typeof VersionDoc>

/** Why a snapshot was taken. */
export const VersionReasons = [
  /** A member agreed to the plan: the content they agreed to. */
  'agreement',
  /** A coach closed a phase (the plan's currentPhase moved on). */
  'phaseClosed',
  /** Nobody changed the document for a while (VERSION_SETTLE_MS). */
  'settled',
  /** A coach restored an earlier version: the content right after. */
  'restored',
] as const
export const VersionReason = z.enum(VersionReasons)
export type VersionReason = z.infer<typeof VersionReason>

/** A person who changed the document since the version before (or agreed to it). */
export const VersionPerson = z.object({ userId: Id, name: z.string() })
export type VersionPerson = z.infer<typeof VersionPerson>

/** One version as listed. */
export const VersionSummary = z.object({
  id: Id,
  at: z.iso.datetime(),
  reason: VersionReason,
  /** Who changed the document since the previous version (server-side changes have no author). */
  authors: z.array(VersionPerson),
  /** For an `agreement` version: who agreed, and the agreement's id. */
  agreement: z.object({ id: Id, userId: Id, name: z.string() }).nullable().default(null),
})
export type VersionSummary = z.infer<typeof VersionSummary>

/** `?doc=plan|notes` of every versions request. */
export const VersionsQuery = z.object({ doc: VersionDoc })
export type VersionsQuery = z.infer<typeof VersionsQuery>

/** `GET /api/cases/:id/versions?doc=…`: newest first. */
export const VersionsReply = z.object({ versions: z.array(VersionSummary) })
export type VersionsReply = z.infer<typeof VersionsReply>

/** A block of rich text (shared/src/richText/textBlocks.ts TextBlock). */
export const VersionTextBlock = z.object({
  kind: z.enum(['paragraph', 'heading', 'listItem', 'quote', 'code', 'rule']),
  text: z.string(),
  markdown: z.string(),
  level: z.number().int().optional(),
  number: z.number().int().optional(),
})

/** Rich text as blocks and as plain text. */
export const VersionRichText = z.object({ blocks: z.array(VersionTextBlock), text: z.string() })
export type VersionRichText = z.infer<typeof VersionRichText>

/** Whether the stored document read as its schema, and why not. */
const Readability = {
  readable: z.boolean(),
  /** What did not fit the schema (an unreadable, broken document). */
  issues: z.array(z.string()),
}

/** A plan version's content: readPlan's value and the approach. */
export const PlanVersionContent = z.object({
  doc: z.literal('plan'),
  ...Readability,
  plan: Plan.nullable(),
  approach: VersionRichText,
  /** Issue 19: the three-party agreement's parts (A6), when one holds text; they are agreed content like the rest. */
  agreementParts: AgreementParts.optional(),
})
export type PlanVersionContent = z.infer<typeof PlanVersionContent>

/** A notes version's content: readNotes' value and the text of every rich-text fragment (phase notes, meeting minutes, report parts). */
export const NotesVersionContent = z.object({
  doc: z.literal('notes'),
  ...Readability,
  notes: Notes.nullable(),
  texts: z.record(z.string(), z.string()),
})
export type NotesVersionContent = z.infer<typeof NotesVersionContent>

export const VersionContent = z.discriminatedUnion('doc', [PlanVersionContent, NotesVersionContent])
export type VersionContent = z.infer<typeof VersionContent>

/** One version with its content. */
export const VersionDetail = z.object({
  id: Id,
  at: z.iso.datetime(),
  reason: VersionReason,
  content: VersionContent,
})
export type VersionDetail = z.infer<typeof VersionDetail>

/** `GET /api/cases/:id/versions/:versionId?doc=…` and the restore's reply. */
export const VersionReply = z.object({ version: VersionDetail })
export type VersionReply = z.infer<typeof VersionReply>

/** `POST /api/cases/:id/versions/:versionId/restore?doc=…` (coaches). */
export const RestoreVersionBody = z.object({}).strict()
