/**
 * An application as the API shows it: with what each group still lacks and
 * the keeping-qualified state of the current calendar year, where the
 * supervisions in Fallbuch's own groups count by themselves.
 */
import type { Application, ApplicationSummary } from '../../../../shared/src/api/pool.js'
import { groupChecks } from '../../../../shared/src/pool/groups.js'
import { qualifiedYear, type QualifiedYearState } from '../../../../shared/src/pool/keepingQualified.js'
import { isoDay } from '../../clock.js'
import type { Services } from '../../services/Services.js'
import type { AttachmentStorage } from '../../storage/attachments/AttachmentStorage.js'
import type { ApplicationWithName } from '../../storage/pool/PoolStorage.js'
import type { SupervisionCopyStorage } from '../../storage/supervision/SupervisionStorage.js'
import { confirmedKinds } from './applications.js'
import { evidenceWithFiles } from './evidenceFiles.js'

/**
 * Days of case supervision in Fallbuch: each copy released to a group the
 * member belongs to (their own or a colleague's case) is one session.
 */
export async function fallbuchSupervisionDays(services: Services<SupervisionCopyStorage>, userId: string): Promise<string[]> {
  const copies = await services.storage.listSupervisionCopiesForUser(userId)
  return copies.flatMap((copy) => (copy.releasedAt === null ? [] : [isoDay(new Date(copy.releasedAt))]))
}

export async function qualifiedNow(services: Services<SupervisionCopyStorage>, application: ApplicationWithName): Promise<QualifiedYearState> {
  const today = isoDay(services.clock())
  return qualifiedYear(
    {
      trainings: application.trainings.map((entry) => entry.on),
      supervisions: application.supervisions.map((entry) => entry.on),
      fallbuchSupervisions: await fallbuchSupervisionDays(services, application.userId),
      group: application.status === 'admitted' ? application.group : null,
    },
    Number(today.slice(0, 4)),
    today,
  )
}

export function toApiSummary(application: ApplicationWithName): ApplicationSummary {
  return {
    id: application.id,
    userId: application.userId,
    name: application.name,
    status: application.status,
    group: application.group,
    submittedAt: application.submittedAt,
    updatedAt: application.updatedAt,
  }
}

export async function toApiApplication(services: Services<SupervisionCopyStorage & AttachmentStorage>, application: ApplicationWithName): Promise<Application> {
  const today = isoDay(services.clock())
  return {
    ...toApiSummary(application),
    form: application.form,
    profile: application.profile,
    evidence: await evidenceWithFiles(services, application),
    groupChecks: groupChecks({ form: application.form, confirmedEvidence: confirmedKinds(application) }, today),
    classifiedAt: application.classifiedAt,
    officeApproval: application.officeApproval,
    integrationsamtApproval: application.integrationsamtApproval,
    admittedAt: application.admittedAt,
    decisionNote: application.decisionNote,
    meeting: application.meeting,
    trainings: application.trainings,
    supervisions: application.supervisions,
    qualified: await qualifiedNow(services, application),
  }
}
