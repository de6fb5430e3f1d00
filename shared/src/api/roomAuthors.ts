/**
 * Who wrote with which Yjs client id in a case document (issue 17): the
 * relay binds every client id to the account that first wrote (or showed
 * presence) with it, so the structs of a document say who wrote them,
 * whatever the text claims (a comment's `authorId`).
 */
import { z } from 'zod'

/** The room kinds whose authors can be listed. */
export const AuthorRoomKind = z.enum(['plan', 'notes'])
export type AuthorRoomKind = z.infer<typeof AuthorRoomKind>

/** One binding: a client id and its account (`@server` for the server's own changes; `name` null when no account has it any more). */
export const RoomAuthor = z.object({
  clientId: z.number().int().nonnegative(),
  userId: z.string(),
  name: z.string().nullable(),
})
export type RoomAuthor = z.infer<typeof RoomAuthor>

/** `GET /api/cases/:id/rooms/:kind/authors` (whoever may read the room). */
export const RoomAuthorsReply = z.object({ authors: z.array(RoomAuthor) })
export type RoomAuthorsReply = z.infer<typeof RoomAuthorsReply>
