/**
 * The data export of one person in one case (GDPR Art. 15, issues 10 and 17):
 * everything Fallbuch holds about the coachee in the case, as JSON in an open,
 * versioned format — except what Art. 15(4) limits to protect others: the
 * tandem's internal comment threads are counted, not exported, and names of
 * other people in the coaches' notes are replaced (`limitations` says so, in
 * German, for the reader; README "Data protection" gives the reasons). `GET /api/export/case-export.schema.json` publishes this
 * schema as JSON Schema (draft 2020-12); `GET /api/cases/:id/export` returns a
 * document that validates against it (`?format=html` a readable, printable
 * page of the same content).
 */
import { z } from 'zod'
import { AttachmentMediaType, CaseAttachmentCategory } from './attachments.js'
import { ConfidentialField } from '../caseDocument/confidential.js'
import { CaseOutcome, GoalReview, MeetingKinds } from '../caseDocument/notes.js'
import { Goal, Participant, Phase, PlanMeta } from '../caseDocument/plan.js'
import { Agreement } from './agreements.js'
import { AuditEvent } from './audit.js'
import { CaseRole, CaseType } from './cases.js'
import { Id } from './common.js'
import { ConsentGrant } from './consents.js'
import { Release } from './releases.js'
import { Approval, FundingBodyKind } from './funding.js'
import { RequesterKind, RoughGoal } from './requests.js'
import { FeasibilityCheck } from '../caseDocument/feasibility.js'
import { Profile } from '../caseDocument/profile.js'
import { Incident, SupportIntensityEntry } from '../caseDocument/accompaniment.js'
import { ExitForm } from '../caseDocument/exitForm.js'
import { HoursCategory } from '../caseDocument/hoursCategories.js'
import { ProofMonth } from '../hoursProof/monthProof.js'
import { ConfirmingRole } from './hoursProof.js'
import { JobSearchEntryFields } from './jobSearch.js'
import { AgreementPartKeys } from '../caseDocument/agreementParts.js'

export const CaseExportFormat = 'fallbuch-case-export'
/** 2: tandem comments left out (counted in `limitations`), other people's names in the notes replaced. */
export const CaseExportFormatVersion = 2

/** What replaces another person's name in the coaches' notes. */
export const OtherPersonPlaceholder = '[weitere Person]'

/** The German note on what the export limits and why, in the JSON and on the printable page. */
export const CaseExportLimitationNotice =
  'Diese Auskunft enthält die Daten, die Fallbuch in diesem Fall über Sie speichert (Art. 15 DSGVO): die Maßnahmeplanung, ' +
  'die Notizen und Einschätzungen der Jobcoaches zu den Phasen, Gespräche, Stunden, Berichte, die vertraulichen Angaben, ' +
  'Einwilligungen, Zustimmungen und das Protokoll der Zugriffe auf Ihre Daten. Zum Schutz anderer Personen ist zweierlei ' +
  'eingeschränkt (Art. 15 Abs. 4 DSGVO): Die internen Kommentare, mit denen sich die Jobcoaches untereinander abstimmen, ' +
  'sind nicht enthalten; hier steht nur, wie viele es gibt. Namen anderer Personen, die nur in den Notizen der Jobcoaches ' +
  `vorkommen, sind durch „${OtherPersonPlaceholder}“ ersetzt. Möchten Sie auch diese Teile sehen, wenden Sie sich an Ihre Jobcoaches: ` +
  'Sie prüfen im Einzelfall und stellen Ihnen zur Verfügung, was Sie betrifft; Angaben über andere Personen können sie dabei schwärzen.'

/** Rich text of a document, as plain text (paragraphs separated by a blank line). */
const Text = z.string().describe('rich text as plain text: paragraphs separated by a blank line, list items by a newline')

/** The profile as exported: its content without the schema version; items that did not fit are left out. */
export const ExportProfile = Profile.omit({ meta: true })
export type ExportProfile = z.infer<typeof ExportProfile>

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
      /** Issue 19: the Swiss three-party agreement's parts (A6); missing in older exports. */
      agreementParts: z.partialRecord(z.enum(AgreementPartKeys), z.string()).optional(),
    }),
    /** The coaches' notes about the case (names of other people replaced; without the tandem's comment threads). */
    notes: z.object({
      phases: z.partialRecord(Phase, Text),
      /** Phase reviews: phase -> goal id -> review. */
      reviews: z.partialRecord(Phase, z.record(z.string(), GoalReview.partial().passthrough())),
      meetings: z.array(z.object({ kind: z.enum(MeetingKinds), date: z.string(), participants: z.string(), outcome: Text })),
      hours: z.array(
        z.object({
          date: z.string(),
          hours: z.number(),
          activity: z.string(),
          coachName: z.string(),
          phase: Phase.nullable(),
          /** Issue 18; null for entries without one. */
          category: HoursCategory.nullable().optional(),
          place: z.string().nullable().optional(),
        }),
      ),
      /** Report texts by fragment name (`report:final:<part>`, `report:interim:<part>`). */
      reports: z.record(z.string(), Text),
      outcome: CaseOutcome.partial().passthrough().nullable(),
      /** Issue 19: the feasibility checks at the end of the analysis, oldest first (missing in older exports). */
      feasibility: z.array(FeasibilityCheck.pick({ answer: true, reasons: true, date: true })).optional(),
      /** Issue 19: support intensity, the crisis log (without coach ids) and the Austrittsformular (missing in older exports). */
      accompaniment: z
        .object({
          supportIntensity: z.array(SupportIntensityEntry.omit({ id: true })),
          incidents: z.array(Incident.omit({ id: true, coachId: true, editedBy: true }).extend({ followUps: z.array(z.object({ text: z.string(), due: z.string().optional(), done: z.boolean() })) })),
          exitForm: ExitForm,
        })
        .optional(),
    }),
    /**
     * Issue 19: the occupational profile (Vorabklärung A2, Berufsprofil A3),
     * for the coachee and the coaches (missing in older exports).
     */
    profile: ExportProfile.optional(),
    /** Every confidential field of the case, with its text. */
    confidentialFields: z.array(z.object({ field: ConfidentialField, healthData: z.boolean(), text: Text })),
    consents: z.array(ConsentGrant),
    /** Releases from confidentiality the subject gave or that were given for them (issue 16). */
    releases: z.array(Release),
    /**
     * The case's funding as it concerns the person (issue 18): funding body,
     * file number, referring body, and the approval records with period and
     * hours; never rates (the service's prices are no data about the person).
     */
    funding: z.object({
      fundingBodyName: z.string().nullable(),
      fundingBodyKind: FundingBodyKind.nullable(),
      fileNumber: z.string(),
      referringBody: z.string(),
      approvals: z.array(
        Approval.pick({ kind: true, validFrom: true, validUntil: true, hours: true, decidedOn: true, reference: true, note: true, corrected: true, recordedAt: true }).extend({
          correction: z.boolean(),
        }),
      ),
    }),
    /**
     * The request the case came from (issue 19): who asked (the kind only:
     * a requester's name and contact are other people's data), referring
     * body, first contact, reason, rough goals, the day of the person's
     * consent. Missing for a case that was created without a request.
     */
    request: z
      .object({
        requesterKind: RequesterKind,
        referringBody: z.string(),
        firstContactOn: z.iso.date(),
        reason: z.string(),
        roughGoals: z.array(RoughGoal),
        consentOn: z.iso.date().nullable(),
        acceptedAt: z.iso.datetime().nullable(),
      })
      .nullable()
      .optional(),
    agreements: z.array(Agreement),
    /**
     * The person's application and contact log (issue 19, A4/A5): employer,
     * position, kind of placement, dates, status, next step, interview
     * preparation; missing in older exports.
     */
    jobSearch: z.array(JobSearchEntryFields.omit({ employerId: true })).optional(),
    /**
     * Confirmations of the case's monthly proof of hours (issue 18): month,
     * who confirmed in which role and when, and the SHA-256 of the entries
     * they confirmed; oldest first (missing in older exports).
     */
    hoursConfirmations: z
      .array(z.object({ month: ProofMonth, name: z.string(), role: ConfirmingRole, confirmedAt: z.iso.datetime(), entriesHash: z.string() }))
      .optional(),
    /**
     * The case's files the person may read (issue 20): what they are, not
     * their bytes — the files themselves are downloaded in the app, tab
     * "Anhänge" (missing in older exports).
     */
    attachments: z
      .array(
        z.object({
          category: CaseAttachmentCategory,
          name: z.string(),
          mediaType: AttachmentMediaType,
          sizeBytes: z.number().int().nonnegative(),
          uploadedAt: z.iso.datetime(),
          uploadedByName: z.string(),
        }),
      )
      .optional(),
    /** The audit events of the case that concern the subject (their logins, openings, grants, …). */
    auditEvents: z.array(AuditEvent),
    /** What the export limits to protect other people (GDPR Art. 15(4)), and how to ask for it. */
    limitations: z.object({
      /** The German note for the reader ({@link CaseExportLimitationNotice}). */
      notice: z.string(),
      /** The tandem's internal comment threads of the case: counted, not exported. */
      withheldCommentThreads: z.number().int().min(0),
      /** Replies in those threads. */
      withheldCommentReplies: z.number().int().min(0),
      /** How many names of other people in the coaches' notes were replaced by {@link OtherPersonPlaceholder}. */
      replacedNames: z.number().int().min(0),
    }),
  })
  .describe('Everything Fallbuch holds about one person in one case (GDPR Art. 15)')
export type CaseExport = z.infer<typeof CaseExport>

/** The published JSON Schema of {@link CaseExport}. */
export function caseExportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://fallbuch.invalid/schemas/case-export-v${CaseExportFormatVersion}.json`,
    title: `Fallbuch case export, format version ${CaseExportFormatVersion}`,
    ...z.toJSONSchema(CaseExport, { target: 'draft-2020-12', io: 'output' }),
  }
}

/** Query of `GET /api/cases/:id/export`; a coach names the coachee with `memberId` when the case has several. */
export const CaseExportQuery = z
  .object({
    format: z.enum(['json', 'html']).default('json'),
    /** The page's language; without it, the service's (de-CH for a Swiss service). */
    lang: z.enum(['de', 'de-CH', 'en']).optional(),
    /** The reader's time zone (IANA name) for the page's times; without it, the service's TIME_ZONE. */
    tz: z.string().regex(/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/, 'must be a time zone').optional(),
    memberId: Id.optional(),
  })
  .strict()
export type CaseExportQuery = z.infer<typeof CaseExportQuery>
