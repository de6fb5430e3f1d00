/**
 * The anonymised final report of a closed case for the author's own pool
 * application (issue 20 point 7, group 2b). Who may is checked before (a
 * coach of the case, shared policy `report.exportAnonymised`); here: the
 * case must be closed, and nothing is stored before the approval — a draft
 * exists only in the reply to its author. The approval rebuilds the draft
 * with the reviewed redactions, refuses a draft that changed since the
 * review (409), renders the PDF, stores it as the author's evidence file
 * (sealed like every attachment) and adds the counting evidence item with
 * the case's audit entry (ids only, never text).
 */
import { exportLinesText } from '../../../shared/src/finalReportExport/anonymiseFinalReport.js'
import type { CaseFlow } from '../../../shared/src/api/cases.js'
import type { Services } from '../services/Services.js'
import type { AttachmentStorage } from '../storage/attachments/AttachmentStorage.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { EmployerDirectoryStorage, JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { ApplicationWithName, PoolStorage } from '../storage/pool/PoolStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { buildFinalReportDraft, caseDigestOf, type BuiltDraft } from '../finalReportExport/buildFinalReportDraft.js'
import { finalReportPdf } from '../finalReportExport/finalReportPdf.js'
import { storeAttachment } from './attachments.js'
import { auditEntry } from './audit.js'
import { ConflictError } from './errors.js'
import { addFallbuchFinalReport, ownApplication } from './pool/applications.js'
import { discardEvidenceFile, evidenceOwner } from './pool/evidenceFiles.js'

type ExportServices = Services<MemberStorage & JobSearchStorage & EmployerDirectoryStorage & PoolStorage & AttachmentStorage>

/** The case and how it is read, as the route found it. */
export interface ExportSource {
  record: CaseRecord
  flow: CaseFlow
}

function assertClosed(record: CaseRecord): void {
  if (record.closedAt === null) {
    throw new ConflictError('caseNotClosed', 'An anonymised final report is made of a closed case only')
  }
}

/** Whether the author's application holds this case's report already. */
async function alreadyExported(services: Services<PoolStorage>, caseId: string, authorId: string): Promise<boolean> {
  const application = await services.storage.findApplicationOfUser(authorId)
  const digest = caseDigestOf(caseId)
  return application !== null && application.evidence.some((item) => item.fromFallbuchCase === digest)
}

/** The draft for its author's review; stored nowhere. */
export async function finalReportDraft(services: ExportServices, source: ExportSource, redactions: readonly string[], authorId: string): Promise<BuiltDraft & { alreadyExported: boolean }> {
  assertClosed(source.record)
  const draft = await buildFinalReportDraft(services, source.record, source.flow, redactions)
  services.logger.info({ caseId: source.record.id, by: authorId, replacements: draft.replacements }, 'final report draft built')
  return { ...draft, alreadyExported: await alreadyExported(services, source.record.id, authorId) }
}

/** What the approval stored. */
export interface ApprovedReport {
  application: ApplicationWithName
  evidenceId: string
}

/** Stores the reviewed draft as the author's evidence (see the module comment). */
export async function approveFinalReport(
  services: ExportServices,
  source: ExportSource,
  redactions: readonly string[],
  draftHash: string,
  author: Pick<UserRecord, 'id' | 'name'>,
  maxBytes: number,
): Promise<ApprovedReport> {
  assertClosed(source.record)
  const application = await ownApplication(services, author)
  const caseDigest = caseDigestOf(source.record.id)
  if (application.evidence.some((item) => item.fromFallbuchCase === caseDigest)) {
    throw new ConflictError('finalReportExported', 'The final report of this case is in the application already')
  }
  const draft = await buildFinalReportDraft(services, source.record, source.flow, redactions)
  if (draft.draftHash !== draftHash) {
    throw new ConflictError('finalReportDraftChanged', 'The case changed since the review; review the new draft')
  }
  const pdf = await finalReportPdf(draft.lines)
  const number = application.evidence.filter((item) => item.kind === 'anonymisedFinalReport').length + 1
  const stored = await storeAttachment(
    services,
    { owner: evidenceOwner(application), category: 'anonymisedFinalReport', name: `Abschlussbericht-anonymisiert-${number}.pdf`, uploadedBy: author.id, maxBytes },
    (async function* () {
      yield pdf
    })(),
  )
  // The anonymised title tells the office which report it is; it went through the author's review like the rest.
  const title = exportLinesText(draft.lines.slice(0, 1)).replace(/^[^:]*:\s*/, '').slice(0, 160)
  try {
    const added = await addFallbuchFinalReport(services, application, { description: `Abschlussbericht (anonymisiert): ${title}`, attachmentId: stored.id, caseDigest }, (at) => [
      auditEntry(source.record.id, 'finalReportExported', author.id, at, { attachmentId: stored.id }),
    ])
    services.logger.info({ caseId: source.record.id, attachmentId: stored.id, by: author.id }, 'final report exported to the pool application')
    return added
  } catch (err) {
    // The file must not outlive the item it was made for.
    await discardEvidenceFile(services, application, stored.id)
    throw err
  }
}
