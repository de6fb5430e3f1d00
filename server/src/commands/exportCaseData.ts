/**
 * The data export of one person in one case (GDPR Art. 15, issue 10). Who
 * may export whose data is checked before; the export is recorded in the
 * case's audit log.
 */
import type { CaseExport, CaseExportQuery } from '../../../shared/src/api/caseExport.js'
import type { CaseRole } from '../../../shared/src/policy/access.js'
import { buildCaseExport, type ExportSources } from '../export/buildCaseExport.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { MemberWithUser } from '../storage/members/MemberStorage.js'
import type { UserRecord } from '../storage/users/UserStorage.js'
import { auditEntry } from './audit.js'

/** Builds the export of `subject` and records it (`dataExported`, with the format). */
export async function exportCaseData(
  services: Services<ExportSources['storage']>,
  input: { record: CaseRecord; subject: MemberWithUser; exportedBy: { user: UserRecord; role: CaseRole }; format: CaseExportQuery['format']; retentionYears: number },
): Promise<CaseExport> {
  const sources: ExportSources = { storage: services.storage, clock: services.clock, documents: services.documents, retentionYears: input.retentionYears }
  const data = await buildCaseExport(sources, input.record, input.subject, input.exportedBy)
  await services.storage.appendAudit([
    auditEntry(input.record.id, 'dataExported', input.exportedBy.user.id, services.clock(), { memberId: input.subject.id, format: input.format }),
  ])
  return data
}
