/**
 * The team lead's overview (issue 22): every active staff account's
 * caseload against the Personalschlüssel (part-time share from the account,
 * tandem share from TANDEM_SHARE) and every case's due items. Computed from
 * structured facts only (services/caseFacts.ts): the lead gets dates,
 * counts and phases, never a note or a confidential field.
 */
import type { TeamCase, TeamCoach, TeamOverviewReply } from '../../../shared/src/api/team.js'
import { isClosed } from '../../../shared/src/process/caseSummary.js'
import { caseload } from '../../../shared/src/process/caseload.js'
import { dueItems } from '../../../shared/src/process/dueItems.js'
import { isoDay } from '../clock.js'
import { caseFactsOf, type CaseFactsPorts } from '../services/caseFacts.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import type { UserStorage } from '../storage/users/UserStorage.js'

/** The storage ports the overview reads. */
export type TeamOverviewPorts = CaseStorage & MemberStorage & UserStorage & CaseFactsPorts

/** The overview as of the services' clock. */
export async function teamOverview(services: Services<TeamOverviewPorts>, options: { tandemShare: number }): Promise<TeamOverviewReply> {
  const today = isoDay(services.clock())
  const coachesOf = new Map<string, Array<{ userId: string; name: string }>>()
  for (const member of await services.storage.listMembersWithRole('coach')) {
    coachesOf.set(member.caseId, [...(coachesOf.get(member.caseId) ?? []), { userId: member.userId, name: member.name }])
  }
  const cases: TeamCase[] = []
  // One case after the other: each read may load two rooms into the relay.
  for (const record of await services.storage.listAllCases()) {
    const facts = await caseFactsOf(services, record.id, today)
    // Only the overview names the funding body: read here, not in the facts the daily digest and statistics read too.
    const [funding] = await services.storage.listCaseFunding(record.id)
    const summary = facts.summary
    const item: TeamCase = {
      caseId: record.id,
      title: record.title,
      type: record.type,
      phase: summary?.phase ?? null,
      closed: record.closedAt !== null || (summary !== null && isClosed(summary)),
      coaches: coachesOf.get(record.id) ?? [],
      due: record.closedAt === null ? dueItems(facts.due, today) : [],
      fundingBody: funding !== undefined && funding.fundingBodyId !== null && funding.fundingBodyName !== null ? { id: funding.fundingBodyId, name: funding.fundingBodyName } : null,
    }
    if (summary?.startDate !== undefined) {
      item.startDate = summary.startDate
    }
    if (summary?.expectedEndDate !== undefined) {
      item.expectedEndDate = summary.expectedEndDate
    }
    cases.push(item)
  }
  const coaches: TeamCoach[] = (await services.storage.listActiveStaff()).map((user) => {
    const own = cases.filter((item) => item.coaches.some((coach) => coach.userId === user.id))
    const load = caseload(
      own.map((item) => ({ type: item.type, closed: item.closed, coaches: item.coaches.length })),
      { staffShare: user.staffSharePercent / 100, tandemShare: options.tandemShare },
    )
    return {
      userId: user.id,
      name: user.name,
      staffSharePercent: user.staffSharePercent,
      placement: load.placement.active,
      retention: load.retention.active,
      load: load.load,
      over: load.over,
    }
  })
  return { today, tandemShare: options.tandemShare, coaches, cases }
}
