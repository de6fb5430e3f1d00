/**
 * The data export of one person in one case (GDPR Art. 15, issue 10):
 * everything Fallbuch holds about the coachee in the case, as JSON in an open,
 * versioned format. `GET /api/export/case-export.schema.json` publishes this
 * schema as JSON Schema (draft 2020-12); `GET /api/cases/:id/export` returns a
 * document that validates against it (`?format=html` a readable, printable
 * page of the same content).
 */
import { z } from 'zod'
import { ConfidentialField } from '../caseDocument/confidential.js'
import { CaseOutcome, GoalReview, MeetingKinds } from '../caseDocument/notes.js'
import { Goal, Participant, Phase, PlanMeta } from '../caseDocument/plan.js'
import { Agreement } from './agreements.js'
import { AuditEvent } from './audit.js'
import { CaseRole, CaseType } from './cases.js'
import { Id } from './common.js'
import { ConsentGrant } from './consents.js'

export const CaseExportFormat = 'fallbuch-case-export'
export const CaseExportFormatVersion = 1

/** Rich text of a document, as plain text (paragraphs separated by a blank line). */
const Text = z.string().describe('rich text as plain text: paragraphs separated by a blank line, list items by a newline')

export const CaseExport = z
  .object({
    format: z.literal(CaseExportFormat),
    formatVersion: z.literal(CaseExportFormatVersion),
    exportedAt: z.iso.datetime(),
    /** Who downloaded it (the person, or a coach on their behalf). */
    exportedBy: z.object({ userId: Id, name: z.string(), role: CaseRole }),
    /** The person the export is about. */
    subject: z.object({ userId: Id, memberId: Id, name: z.string(), email: z.string(), role: CaseRole, memberSince: z.iso.datetime() }),
    case: z.object({
      id: Id,
      title: z.string(),
      type: CaseType,
      createdAt: z.iso.datetime(),
      closedAt: z.iso.datetime().nullable(),
      /** When the case will be erased (end of the retention period), or null while it is open. */
      erasesAt: z.iso.datetime().nullable(),
    }),
    /** The people of the case (names and roles; their e-mail addresses are theirs, not the subject's). */
    members: z.array(z.object({ name: z.string(), role: CaseRole, addedAt: z.iso.datetime() })),
    /** The agreed measure plan (Maßnahmeplanung). */
    plan: z.object({
      meta: PlanMeta.partial().passthrough(),
      goals: z.array(Goal.partial().passthrough()),
      participants: z.array(Participant.partial().passthrough()),
      approach: Text,
    }),
    /** The coaches' notes about the case. */
    notes: z.object({
      phases: z.partialRecord(Phase, Text),
      /** Phase reviews: phase -> goal id -> review. */
      reviews: z.partialRecord(Phase, z.record(z.string(), GoalReview.partial().passthrough())),
      meetings: z.array(z.object({ kind: z.enum(MeetingKinds), date: z.string(), participants: z.string(), outcome: Text })),
      hours: z.array(z.object({ date: z.string(), hours: z.number(), activity: z.string(), coachName: z.string(), phase: Phase.nullable() })),
      comments: z.array(
        z.object({
          authorName: z.string(),
          createdAt: z.string(),
          text: z.string(),
          resolved: z.boolean(),
          replies: z.array(z.object({ authorName: z.string(), createdAt: z.string(), text: z.string() })),
        }),
      ),
      /** Report texts by fragment name (`report:final:<part>`, `report:interim:<part>`). */
      reports: z.record(z.string(), Text),
      outcome: CaseOutcome.partial().passthrough().nullable(),
    }),
    /** Every confidential field of the case, with its text. */
    confidentialFields: z.array(z.object({ field: ConfidentialField, healthData: z.boolean(), text: Text })),
    consents: z.array(ConsentGrant),
    agreements: z.array(Agreement),
    /** The audit events of the case that concern the subject (their logins, openings, grants, …). */
    auditEvents: z.array(AuditEvent),
  })
  .describe('Everything Fallbuch holds about one person in one case (GDPR Art. 15)')
export type CaseExport = z.infer<typeof CaseExport>

/** The published JSON Schema of {@link CaseExport}. */
export function caseExportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://fallbuch.invalid/schemas/case-export-v1.json',
    title: 'Fallbuch case export, format version 1',
    ...z.toJSONSchema(CaseExport, { target: 'draft-2020-12', io: 'output' }),
  }
}

/** Query of `GET /api/cases/:id/export`; a coach names the coachee with `memberId` when the case has several. */
export const CaseExportQuery = z
  .object({
    format: z.enum(['json', 'html']).default('json'),
    lang: z.enum(['de', 'en']).default('de'),
    memberId: Id.optional(),
  })
  .strict()
export type CaseExportQuery = z.infer<typeof CaseExportQuery>
