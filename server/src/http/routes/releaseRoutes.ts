/**
 * Releases from confidentiality (issue 16, shared/src/api/releases.ts).
 * Coaches record them (from a signed form, or with the person in the app);
 * the coachee or their guardian may also give one of their own in the app.
 * Who sees which release: coaches, the coachee and a guardian see every
 * release of the case (it is the coachee's); an employer sees only the ones
 * released towards them (recipientMemberId is their membership) — a release
 * towards a doctor is none of the employer's business. Revoking: coaches,
 * and the coachee or a guardian.
 */
import type { FastifyInstance } from 'fastify'
import { RecordReleaseBody, type ReleaseReply, type ReleasesReply } from '../../../../shared/src/api/releases.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { toApiRelease } from '../../api/toApiRelease.js'
import { isoDay } from '../../clock.js'
import { assertCaseOpenFor } from '../../commands/cases.js'
import { recordRelease, revokeRelease } from '../../commands/releases.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberRecord, MemberStorage } from '../../storage/members/MemberStorage.js'
import type { ReleaseStorage, ReleaseWithNames } from '../../storage/releases/ReleaseStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'
import { forbidden, notFound } from '../errors.js'
import { parseBody } from '../parseBody.js'
import { loadCaseOfMember } from './caseAccess.js'

/** The storage ports this module uses. */
type Ports = CaseStorage & MemberStorage & ReleaseStorage & SessionStorage

/** Whether a member sees a release: an employer only one released towards them. */
function sees(member: MemberRecord, release: ReleaseWithNames): boolean {
  return member.role !== 'employer' || release.recipientMemberId === member.id
}

/** The name of the case's coachee, for a release a guardian gave "für" them. */
async function coacheeNameOf(ctx: AppContext<Ports>, caseId: string): Promise<string | null> {
  return (await ctx.storage.listMembers(caseId)).find((member) => member.role === 'coachee')?.name ?? null
}

export function registerReleaseRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string } }>('/api/cases/:id/releases', async (request): Promise<ReleasesReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    assertMay(member.role, 'releases.read')
    const today = isoDay(ctx.clock())
    const coachee = await coacheeNameOf(ctx, record.id)
    const releases = (await ctx.storage.listReleases(record.id)).filter((release) => sees(member, release))
    return { releases: releases.map((release) => toApiRelease(release, today, coachee)) }
  })

  app.post<{ Params: { id: string } }>('/api/cases/:id/releases', async (request, reply): Promise<ReleaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    const body = parseBody(RecordReleaseBody, request.body)
    assertCaseOpenFor(record, 'releases.manage')
    if (!can(member.role, 'releases.manage')) {
      // The coachee or a guardian gives their own release in the app (`releases.giveOwn`): as themselves, confirmed in
      // the app. Anything else is recording one, which is the coaches' (a signed form, or for someone else).
      const ownInApp = can(member.role, 'releases.giveOwn') && body.evidence === 'inApp' && body.releasorMemberId === member.id
      if (!ownInApp) {
        assertMay(member.role, 'releases.manage')
      }
    }
    const release = await recordRelease(ctx, record, body, user)
    reply.code(201)
    return { release: toApiRelease(release, isoDay(ctx.clock()), await coacheeNameOf(ctx, record.id)) }
  })

  app.delete<{ Params: { id: string; releaseId: string } }>('/api/cases/:id/releases/:releaseId', async (request): Promise<ReleaseReply> => {
    const { user } = await authenticate(ctx, request)
    const { record, member } = await loadCaseOfMember(ctx, request.params.id, user.id)
    if (member.role === 'employer') {
      // An employer never learns whether a release they do not see exists.
      const visible = (await ctx.storage.listReleases(record.id)).some((release) => release.id === request.params.releaseId && sees(member, release))
      throw visible ? forbidden('revokeCoacheeOrCoach', 'Only the coachee, their guardian or a coach can revoke a release') : notFound('releaseNotFound', 'No such release')
    }
    assertMay(member.role, 'releases.revoke')
    const revoked = await revokeRelease(ctx, record, request.params.releaseId, user.id)
    return { release: toApiRelease(revoked, isoDay(ctx.clock()), await coacheeNameOf(ctx, record.id)) }
  })
}
