/**
 * `GET /api/cases/:id/events`: a server-sent event stream (text/event-stream)
 * for members of a case. The server sends `event: case-changed` with a JSON
 * {@link CaseChangedEvent} whenever something outside the documents changed
 * (members, roles, employerCanEdit, agreements, invitations, consent
 * grants, the caller's access); the client then re-reads what it shows. The stream ends when the
 * caller loses access to the case or the session ends.
 */
import { z } from 'zod'

export const CaseChangedEvent = z.object({
  /** What changed, so the client re-reads only that. */
  what: z.enum(['case', 'members', 'agreements', 'invitations', 'access', 'consents', 'funding', 'hoursProof']),
})
export type CaseChangedEvent = z.infer<typeof CaseChangedEvent>

/** The SSE event name. */
export const CaseChangedEventName = 'case-changed'
