/**
 * Builds the data export of one person in one case (GDPR Art. 15, issues 10
 * and 17; format: shared/src/api/caseExport.ts). The documents are read
 * through the relay, exactly as committed. Items of a document that do not
 * fit the schema (older or hand-made data) are left out rather than failing
 * the whole export.
 *
 * Art. 15(4) (README "Data protection"): the tandem's comment threads are
 * counted, not exported — the coaches release them on request after weighing
 * the others' data in them — and people the coaches' notes name with a
 * salutation who are neither members nor in the plan become "[weitere
 * Person]". The plan stays as it is: the coachee reads it in the case anyway.
 */
import type * as Y from 'yjs'
import type { z } from 'zod'
import { otherPeopleReplacer } from '../../../shared/src/anonymise/index.js'
import { profileSnapshot } from '../../../shared/src/caseDocument/profile.js'
import { CaseExport, ExportProfile, CaseExportFormat, CaseExportFormatVersion, CaseExportLimitationNotice, OtherPersonPlaceholder } from '../../../shared/src/api/caseExport.js'
import { isHealthData } from '../../../shared/src/api/consents.js'
import { ConfidentialContentFragment, ConfidentialFields } from '../../../shared/src/caseDocument/confidential.js'
import { notesSnapshot, phaseNotes } from '../../../shared/src/caseDocument/notes.js'
import { Phases, planApproach, planSnapshot } from '../../../shared/src/caseDocument/plan.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import { can } from '../../../shared/src/policy/actions.js'
import { AllReportParts, reportPartFragmentName } from '../../../shared/src/report/parts.js'
import { fragmentToPlainText } from '../../../shared/src/richText/plainText.js'
import { isoDay } from '../clock.js'
import { toApiAgreement, toApiAuditEvent, toApiConsentGrant } from '../api/toApi.js'
import { toApiRelease } from '../api/toApiRelease.js'
import { retentionEndsAt } from '../../../shared/src/process/retention.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord, MemberWithUser, UserRecord } from '../storage/Storage.js'
import type { AgreementStorage } from '../storage/agreements/AgreementStorage.js'
import type { AttachmentStorage } from '../storage/attachments/AttachmentStorage.js'
import type { CaseAttachmentCategory } from '../../../shared/src/api/attachments.js'
import { caseAttachmentAccess } from '../../../shared/src/policy/attachments.js'
import type { AuditStorage } from '../storage/audit/AuditStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { ReleaseStorage } from '../storage/releases/ReleaseStorage.js'
import type { FundingStorage } from '../storage/funding/FundingStorage.js'
import type { RequestStorage } from '../storage/requests/RequestStorage.js'
import type { JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import { readAgreementParts } from '../../../shared/src/caseDocument/agreementParts.js'
import { readFeasibilityChecks } from '../../../shared/src/caseDocument/feasibility.js'
import { readIncidents, readSupportIntensity } from '../../../shared/src/caseDocument/accompaniment.js'
import { readExitForm } from '../../../shared/src/caseDocument/exitForm.js'
import { toApiApprovals } from '../api/toApiFunding.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { HoursProofStorage } from '../storage/hoursProof/HoursProofStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'

/** The storage ports this module uses. */
type Ports = AgreementStorage &
  AttachmentStorage &
  AuditStorage &
  ConsentStorage &
  ReleaseStorage &
  FundingStorage &
  HoursProofStorage &
  JobSearchStorage &
  MemberStorage &
  RequestStorage &
  UserStorage

/** What an export reads: the case's rows, its committed documents, now, and the retention period (RETENTION_YEARS). */
export type ExportSources = Pick<Services<Ports>, 'storage' | 'clock' | 'documents'> & { retentionYears: number }

type Export = z.infer<typeof CaseExport>
type Shape<K extends keyof Export> = Export[K]

/** How many audit events of the case are read to find the subject's. */
const AuditEventsRead = 100_000

/** The items of `values` that fit `schema`, parsed. */
function fitting<T>(schema: z.ZodType<T>, values: unknown): T[] {
  if (!Array.isArray(values)) {
    return []
  }
  return values.flatMap((value) => {
    const parsed = schema.safeParse(value)
    return parsed.success ? [parsed.data] : []
  })
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function readPlanPart(doc: Y.Doc): Shape<'plan'> {
  const planShape = CaseExport.shape.plan.shape
  const snapshot = record(planSnapshot(doc))
  const meta = planShape.meta.safeParse(snapshot.meta)
  return {
    meta: meta.success ? meta.data : {},
    goals: fitting(planShape.goals.element, snapshot.goals),
    participants: fitting(planShape.participants.element, snapshot.participants),
    approach: fragmentToPlainText(planApproach(doc)),
    agreementParts: readAgreementParts(doc),
  }
}

/** The profile part (issue 19): each root as far as it fits the schema; an entry that does not is left out. */
function readProfilePart(doc: Y.Doc): ExportProfile {
  const snapshot = record(profileSnapshot(doc))
  const shape = ExportProfile.shape
  const map = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : fallback
  }
  return {
    wishes: map(shape.wishes, snapshot.wishes, {}),
    career: fitting(shape.career.element, snapshot.career),
    actionPlan: fitting(shape.actionPlan.element, snapshot.actionPlan),
    competences: map(shape.competences, snapshot.competences, {}),
    occupations: fitting(shape.occupations.element, snapshot.occupations),
    assessments: fitting(shape.assessments.element, snapshot.assessments),
  }
}

/** The notes part, and the size of the comment threads left out. */
interface NotesRead {
  notes: Shape<'notes'>
  threads: number
  replies: number
}

function readNotesPart(doc: Y.Doc, names: ReadonlyMap<string, string>): NotesRead {
  const notesShape = CaseExport.shape.notes.shape
  const snapshot = record(notesSnapshot(doc))
  const nameOf = (userId: unknown): string => (typeof userId === 'string' ? (names.get(userId) ?? 'former member') : 'unknown')
  const text = (value: unknown): string => (typeof value === 'string' ? value : '')
  const phases: Shape<'notes'>['phases'] = {}
  for (const phase of Phases) {
    phases[phase] = fragmentToPlainText(phaseNotes(doc, phase))
  }
  const reviews = notesShape.reviews.safeParse(snapshot.reviews)
  const reports: Record<string, string> = {}
  for (const kind of ['final', 'interim'] as const) {
    for (const part of AllReportParts) {
      const name = reportPartFragmentName(kind, part)
      if (doc.share.has(name)) {
        const content = fragmentToPlainText(doc.getXmlFragment(name))
        if (content !== '') {
          reports[name] = content
        }
      }
    }
  }
  const meetings = (Array.isArray(snapshot.meetings) ? snapshot.meetings : []).map((raw) => {
    const meeting = record(raw)
    const fragment = text(meeting.fragment)
    return {
      kind: meeting.kind,
      date: text(meeting.date),
      participants: text(meeting.participants),
      outcome: fragment !== '' && doc.share.has(fragment) ? fragmentToPlainText(doc.getXmlFragment(fragment)) : '',
    }
  })
  const hours = (Array.isArray(snapshot.hours) ? snapshot.hours : []).map((raw) => {
    const entry = record(raw)
    return { date: text(entry.date), hours: entry.hours, activity: text(entry.activity), coachName: nameOf(entry.coachId), phase: entry.phase ?? null, category: entry.category ?? null, place: entry.place ?? null }
  })
  const threads = Array.isArray(snapshot.comments) ? snapshot.comments : []
  const replies = threads.reduce<number>((sum, thread) => {
    const threadReplies = record(thread).replies
    return sum + (Array.isArray(threadReplies) ? threadReplies.length : 0)
  }, 0)
  const outcome = notesShape.outcome.safeParse(record(snapshot.meta).outcome ?? null)
  return {
    notes: {
      phases,
      reviews: reviews.success ? reviews.data : {},
      meetings: fitting(notesShape.meetings.element, meetings),
      hours: fitting(notesShape.hours.element, hours),
      reports,
      outcome: outcome.success ? outcome.data : null,
      feasibility: readFeasibilityChecks(doc).map(({ answer, reasons, date }) => ({ answer, reasons, date })),
      accompaniment: {
        supportIntensity: readSupportIntensity(doc).map(({ id: _id, ...entry }) => entry),
        incidents: readIncidents(doc).map(({ id: _id, coachId: _coach, editedBy: _editor, followUps, ...incident }) => ({
          ...incident,
          followUps: followUps.map(({ id: _followUpId, ...followUp }) => followUp),
        })),
        exitForm: readExitForm(doc),
      },
    },
    threads: threads.length,
    replies,
  }
}

/** Every free text of the notes part (where other people's names may be). */
function notesTexts(notes: Shape<'notes'>): string[] {
  return [
    ...Object.values(notes.phases),
    ...Object.values(notes.reviews).flatMap((perGoal) => Object.values(perGoal).map((review) => review.note ?? '')),
    ...notes.meetings.flatMap((meeting) => [meeting.participants, meeting.outcome]),
    ...notes.hours.map((entry) => entry.activity),
    ...notes.hours.map((entry) => entry.place ?? ''),
    ...Object.values(notes.reports),
    notes.outcome?.how ?? '',
    notes.outcome?.why ?? '',
    ...(notes.feasibility ?? []).map((check) => check.reasons),
    ...(notes.accompaniment?.supportIntensity ?? []).map((entry) => entry.note),
    ...(notes.accompaniment?.incidents ?? []).flatMap((incident) => [incident.description, incident.reportedTo, ...incident.followUps.map((followUp) => followUp.text)]),
    notes.accompaniment?.exitForm.otherFollowUp ?? '',
    notes.accompaniment?.exitForm.handover ?? '',
  ]
}

/** The notes part with `replace` applied to each of its free texts (the same ones as {@link notesTexts}). */
function mapNotesTexts(notes: Shape<'notes'>, replace: (text: string) => string): Shape<'notes'> {
  const mapValues = <T>(record: Partial<Record<string, T>>, map: (value: T) => T): Record<string, T> =>
    Object.fromEntries(Object.entries(record).flatMap(([key, value]) => (value === undefined ? [] : [[key, map(value)]])))
  return {
    phases: mapValues(notes.phases, replace),
    reviews: mapValues(notes.reviews, (perGoal) => mapValues(perGoal, (review) => (review.note === undefined ? review : { ...review, note: replace(review.note) }))),
    meetings: notes.meetings.map((meeting) => ({ ...meeting, participants: replace(meeting.participants), outcome: replace(meeting.outcome) })),
    hours: notes.hours.map((entry) => ({ ...entry, activity: replace(entry.activity), place: typeof entry.place === 'string' ? replace(entry.place) : (entry.place ?? null) })),
    reports: mapValues(notes.reports, replace),
    outcome: notes.outcome && {
      ...notes.outcome,
      ...(notes.outcome.how !== undefined ? { how: replace(notes.outcome.how) } : {}),
      ...(notes.outcome.why !== undefined ? { why: replace(notes.outcome.why) } : {}),
    },
    feasibility: (notes.feasibility ?? []).map((check) => ({ ...check, reasons: replace(check.reasons) })),
    ...(notes.accompaniment
      ? {
          accompaniment: {
            supportIntensity: notes.accompaniment.supportIntensity.map((entry) => ({ ...entry, note: replace(entry.note) })),
            incidents: notes.accompaniment.incidents.map((incident) => ({
              ...incident,
              description: replace(incident.description),
              reportedTo: replace(incident.reportedTo),
              followUps: incident.followUps.map((followUp) => ({ ...followUp, text: replace(followUp.text) })),
            })),
            exitForm: {
              ...notes.accompaniment.exitForm,
              ...(notes.accompaniment.exitForm.otherFollowUp !== undefined ? { otherFollowUp: replace(notes.accompaniment.exitForm.otherFollowUp) } : {}),
              ...(notes.accompaniment.exitForm.handover !== undefined ? { handover: replace(notes.accompaniment.exitForm.handover) } : {}),
            },
          },
        }
      : {}),
  }
}

/** Everything Fallbuch holds about `subject` in the case, as the export format. */
export async function buildCaseExport(
  ctx: ExportSources,
  caseRecord: CaseRecord,
  subject: MemberWithUser,
  exportedBy: { user: UserRecord; role: CaseRole },
): Promise<CaseExport> {
  const caseId = caseRecord.id
  const members = await ctx.storage.listMembers(caseId)
  const names = new Map(members.map((member) => [member.userId, member.name]))
  const now = ctx.clock()
  const [plan, notesRead, profile, confidentialFields, consents, releases, agreements, audit, fundingHistory, approvals, intake, confirmations, files, jobSearch] = await Promise.all([
    ctx.documents.readDocument({ kind: 'plan', caseId }, readPlanPart),
    ctx.documents.readDocument({ kind: 'notes', caseId }, (doc) => readNotesPart(doc, names)),
    ctx.documents.readDocument({ kind: 'profile', caseId }, readProfilePart),
    Promise.all(
      ConfidentialFields.map(async (field) => ({
        field,
        healthData: isHealthData(field),
        text: await ctx.documents.readDocument({ kind: 'confidential', caseId, field }, (doc) =>
          fragmentToPlainText(doc.getXmlFragment(ConfidentialContentFragment)),
        ),
      })),
    ),
    ctx.storage.listConsents(caseId),
    ctx.storage.listReleases(caseId),
    ctx.storage.listAgreements(caseId),
    ctx.storage.listCaseAudit(caseId, AuditEventsRead),
    ctx.storage.listCaseFunding(caseId),
    ctx.storage.listApprovals(caseId),
    ctx.storage.findRequestOfCase(caseId),
    ctx.storage.listMonthConfirmations(caseId),
    ctx.storage.listAttachments({ kind: 'case', caseId }),
    // The log goes only to someone who reads it in the app (jobSearch.read): never to an employer, whose business the other employers are not.
    can(subject.role, 'jobSearch.read', { caseClosed: caseRecord.closedAt !== null }) ? ctx.storage.listJobSearchEntries(caseId) : Promise.resolve([]),
  ])
  // Someone who confirmed and left the case since is named by their account.
  const confirmerNames = new Map(names)
  for (const confirmation of confirmations) {
    if (!confirmerNames.has(confirmation.accountId)) {
      confirmerNames.set(confirmation.accountId, (await ctx.storage.findUserById(confirmation.accountId))?.name ?? '—')
    }
  }
  const funding = fundingHistory[0]
  // Names the coachee knows from the case itself stay; other people's are limited (Art. 15(4)).
  const visible = [subject.name, ...members.map((member) => member.name), ...plan.participants.map((participant) => participant.name ?? '')]
  const others = otherPeopleReplacer(notesTexts(notesRead.notes), visible, OtherPersonPlaceholder)
  const notes = mapNotesTexts(notesRead.notes, (text) => others.replace(text))
  const concernsSubject = (event: { actorId: string | null; details: Record<string, unknown> }): boolean =>
    event.actorId === subject.userId || event.details.memberId === subject.id || event.details.userId === subject.userId
  // The files the person may read themselves (the coachee reads every category of their case).
  const attachmentFacts = { caseClosed: caseRecord.closedAt !== null, hasReleaseConsent: false }
  const attachments = files
    .filter((file) => caseAttachmentAccess(file.category as CaseAttachmentCategory, subject.role, attachmentFacts) !== 'none')
    .map((file) => ({
      category: file.category as CaseAttachmentCategory,
      name: file.name,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      uploadedAt: file.completedAt,
      uploadedByName: file.createdByName,
    }))
  const built: CaseExport = {
    format: CaseExportFormat,
    formatVersion: CaseExportFormatVersion,
    exportedAt: now.toISOString(),
    exportedBy: { userId: exportedBy.user.id, name: exportedBy.user.name, role: exportedBy.role },
    subject: { userId: subject.userId, memberId: subject.id, name: subject.name, email: subject.email, role: subject.role, memberSince: subject.addedAt },
    case: {
      id: caseId,
      title: caseRecord.title,
      type: caseRecord.type,
      createdAt: caseRecord.createdAt,
      closedAt: caseRecord.closedAt,
      erasesAt: caseRecord.closedAt === null ? null : retentionEndsAt(caseRecord.closedAt, ctx.retentionYears),
    },
    members: members.map((member) => ({ name: member.name, role: member.role, addedAt: member.addedAt })),
    plan,
    notes,
    profile,
    confidentialFields,
    consents: consents.map((grant) => toApiConsentGrant(grant, isoDay(now))),
    // Every release is the coachee's; an employer's export does not exist (export.read).
    releases: releases.map((release) => toApiRelease(release, isoDay(now), members.find((member) => member.role === 'coachee')?.name ?? null)),
    request:
      intake === null
        ? null
        : {
            requesterKind: intake.requesterKind,
            referringBody: intake.referringBody,
            firstContactOn: intake.firstContactOn,
            reason: intake.reason,
            roughGoals: intake.roughGoals,
            consentOn: intake.consentOn,
            acceptedAt: intake.decidedAt,
          },
    funding: {
      fundingBodyName: funding?.fundingBodyName ?? null,
      fundingBodyKind: funding?.fundingBodyKind ?? null,
      fileNumber: funding?.fileNumber ?? '',
      referringBody: funding?.referringBody ?? '',
      approvals: toApiApprovals(approvals).map((approval) => ({
        kind: approval.kind,
        validFrom: approval.validFrom,
        validUntil: approval.validUntil,
        hours: approval.hours,
        decidedOn: approval.decidedOn,
        reference: approval.reference,
        note: approval.note,
        corrected: approval.corrected,
        correction: approval.correctsId !== null,
        recordedAt: approval.recordedAt,
      })),
    },
    agreements: agreements.map((agreement) => toApiAgreement(agreement)),
    // The person's own search (issue 19): where they applied and how it went.
    jobSearch: jobSearch.map(({ employerId: _employerId, id: _id, caseId: _caseId, createdBy: _createdBy, createdByName: _name, createdAt: _createdAt, updatedAt: _updatedAt, ...entry }) => entry),
    hoursConfirmations: confirmations.map((confirmation) => ({
      month: confirmation.month,
      name: confirmerNames.get(confirmation.accountId) ?? '—',
      role: confirmation.role,
      confirmedAt: confirmation.confirmedAt,
      entriesHash: confirmation.entriesHash,
    })),
    attachments,
    auditEvents: audit.filter(concernsSubject).map(toApiAuditEvent),
    limitations: {
      notice: CaseExportLimitationNotice,
      withheldCommentThreads: notesRead.threads,
      withheldCommentReplies: notesRead.replies,
      replacedNames: others.replaced,
    },
  }
  // The reply is checked against the published schema before it leaves.
  return CaseExport.parse(built)
}
