/**
 * Meetings as iCalendar (issue 22): a download per meeting (coaches of the
 * case) and a private subscription URL per account, `GET
 * /api/calendar/<token>.ics` without a cookie. Only the token's SHA-256 is
 * stored; making a new one or deleting it makes the old URL answer 404.
 * Titles carry no personal data (calendar/meetingEvents.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CalendarFeedReply } from '../../../../shared/src/api/mail.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { writeCalendar, type IcsEvent } from '../../calendar/ics.js'
import { meetingEvent, meetingsOf } from '../../calendar/meetingEvents.js'
import { newSecretToken, sha256Hex } from '../../ids.js'
import type { CalendarFeedStorage } from '../../storage/calendar/CalendarFeedStorage.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../../storage/members/MemberStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { UserStorage } from '../../storage/users/UserStorage.js'
import type { AppContext } from '../AppContext.js'
import { authenticate } from '../authenticate.js'
import { notFound } from '../errors.js'
import { loadCaseFor } from './caseAccess.js'

/** The storage ports this module uses. */
type Ports = CalendarFeedStorage & CaseStorage & MemberStorage & SessionStorage & UserStorage

const FeedTokenPattern = /^[A-Za-z0-9_-]{20,100}$/

function publicOrigin(ctx: AppContext<Ports>, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`
}

function sendCalendar(reply: FastifyReply, body: string, filename: string): FastifyReply {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body)
}

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get<{ Params: { id: string; meetingId: string } }>('/api/cases/:id/meetings/:meetingId/ics', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    const { record } = await loadCaseFor(ctx, request.params.id, user.id, 'process.follow')
    const meeting = (await meetingsOf(ctx.relay, record.id)).find((candidate) => candidate.id === request.params.meetingId)
    if (!meeting) {
      throw notFound('meetingNotFound', 'No such meeting')
    }
    const event = meetingEvent(record.id, meeting, publicOrigin(ctx, request), ctx.clock())
    return sendCalendar(reply, writeCalendar('Fallbuch', [event]), 'fallbuch-termin.ics')
  })

  app.get('/api/calendar/feed', async (request): Promise<CalendarFeedReply> => {
    const { user } = await authenticate(ctx, request)
    const createdAt = await ctx.storage.calendarFeedCreatedAt(user.id)
    return { feed: createdAt === null ? null : { createdAt } }
  })

  app.post('/api/calendar/feed', async (request, reply): Promise<CalendarFeedReply> => {
    const { user } = await authenticate(ctx, request)
    const token = newSecretToken()
    const createdAt = ctx.clock().toISOString()
    await ctx.storage.setCalendarFeed(user.id, sha256Hex(token), createdAt)
    reply.code(201)
    return { feed: { createdAt, url: `${publicOrigin(ctx, request)}/api/calendar/${token}.ics` } }
  })

  app.delete('/api/calendar/feed', async (request, reply) => {
    const { user } = await authenticate(ctx, request)
    await ctx.storage.deleteCalendarFeed(user.id)
    return reply.code(204).send()
  })

  // The token is a path parameter of its own, so it passes the id check of every path parameter.
  app.get<{ Params: { token: string } }>('/api/calendar/:token.ics', async (request, reply) => {
    const token = request.params.token
    const userId = FeedTokenPattern.test(token) ? await ctx.storage.findCalendarFeedUser(sha256Hex(token)) : null
    if (userId === null) {
      throw notFound('calendarNotFound', 'No such calendar')
    }
    const baseUrl = publicOrigin(ctx, request)
    const stamp = ctx.clock()
    const events: IcsEvent[] = []
    for (const { record, role } of await ctx.storage.listCasesOfUser(userId)) {
      if (record.closedAt === null && can(role, 'process.follow', {})) {
        events.push(...(await meetingsOf(ctx.relay, record.id)).map((meeting) => meetingEvent(record.id, meeting, baseUrl, stamp)))
      }
    }
    return sendCalendar(reply, writeCalendar('Fallbuch – Gespräche', events), 'fallbuch.ics')
  })
}
