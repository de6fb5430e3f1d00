/**
 * Tandem comments in the notes document (contract §3.1): the root array
 * `comments` holds one Y.Map per comment {id, authorId, createdAt, text,
 * anchor, resolved, replies}; `replies` is a Y.Array of Y.Maps {id, authorId,
 * createdAt, text}. Both coaches add, reply and resolve concurrently; each
 * operation touches only its own keys, so nothing is lost in a merge.
 *
 * Additive to schema v1 (the zod schema ignores unknown keys):
 * - `authorName` on comments and replies: the author's display name when it
 *   was written, so the list reads well offline and for a coach who has left
 *   the case;
 * - `resolvedBy`, `resolvedAt` on comments: who last resolved it, and when.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import type { CommentReply} from '../caseDocument/notes.js';
import { Comment, NotesCommentsArray } from '../caseDocument/notes.js'
import type { Phase } from '../caseDocument/plan.js'
import { decodeAnchor, resolveAnchor, type AnchorResolution, type CommentAnchor } from './anchor.js'
import { writerClientIds } from './authorship.js'

export const MaxCommentLength = 5_000

/** The comments of a notes document, one Y.Map each. */
export function commentsArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(NotesCommentsArray)
}

export interface NewComment {
  id: string
  authorId: string
  authorName?: string
  /** ISO date-time. */
  createdAt: string
  text: string
  /** From {@link encodeAnchor}. */
  anchor: string
}

export type NewReply = Omit<NewComment, 'anchor'>

function checkedText(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') {
    throw new Error('A comment needs a text')
  }
  return trimmed.slice(0, MaxCommentLength)
}

/** Appends a new, open comment with no replies; returns its map. */
export function addComment(doc: Y.Doc, comment: NewComment): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', comment.id)
  map.set('authorId', comment.authorId)
  if (comment.authorName) {
    map.set('authorName', comment.authorName)
  }
  map.set('createdAt', comment.createdAt)
  map.set('text', checkedText(comment.text))
  map.set('anchor', comment.anchor)
  map.set('resolved', false)
  map.set('replies', new Y.Array<Y.Map<unknown>>())
  commentsArray(doc).push([map])
  return map
}

/** The Y.Map of a comment by id. */
export function findComment(doc: Y.Doc, commentId: string): Y.Map<unknown> | undefined {
  return commentsArray(doc)
    .toArray()
    .find((entry) => entry instanceof Y.Map && entry.get('id') === commentId)
}

/** Appends a reply to a comment; false when the comment is gone. */
export function addReply(doc: Y.Doc, commentId: string, reply: NewReply): boolean {
  const comment = findComment(doc, commentId)
  if (!comment) {
    return false
  }
  const map = new Y.Map<unknown>()
  map.set('id', reply.id)
  map.set('authorId', reply.authorId)
  if (reply.authorName) {
    map.set('authorName', reply.authorName)
  }
  map.set('createdAt', reply.createdAt)
  map.set('text', checkedText(reply.text))
  doc.transact(() => {
    let replies = comment.get('replies')
    if (!(replies instanceof Y.Array)) {
      replies = new Y.Array<Y.Map<unknown>>()
      comment.set('replies', replies)
    }
    ;(replies as Y.Array<Y.Map<unknown>>).push([map])
  })
  return true
}

/** Resolves (Erledigt) or reopens a comment; false when the comment is gone. */
export function setResolved(doc: Y.Doc, commentId: string, resolved: boolean, by?: { userId: string; at: string }): boolean {
  const comment = findComment(doc, commentId)
  if (!comment) {
    return false
  }
  doc.transact(() => {
    comment.set('resolved', resolved)
    if (resolved && by) {
      comment.set('resolvedBy', by.userId)
      comment.set('resolvedAt', by.at)
    }
  })
  return true
}

/** Removes a comment by id (its author's take-back); false when already gone. */
export function removeComment(doc: Y.Doc, commentId: string): boolean {
  const comments = commentsArray(doc)
  const index = comments.toArray().findIndex((entry) => entry instanceof Y.Map && entry.get('id') === commentId)
  if (index < 0) {
    return false
  }
  comments.delete(index, 1)
  return true
}

const Extra = z.object({
  authorName: z.string().max(200).optional(),
  resolvedBy: z.string().max(64).optional(),
  resolvedAt: z.string().max(40).optional(),
})
const ReplyExtra = z.object({ authorName: z.string().max(200).optional() })

export type CommentReplyView = z.infer<typeof CommentReply> & {
  authorName?: string
  /** The Yjs client ids that wrote it (authorship.ts), creator first. */
  writerClientIds: number[]
}

export interface CommentView {
  id: string
  authorId: string
  authorName?: string
  createdAt: string
  text: string
  resolved: boolean
  resolvedBy?: string
  resolvedAt?: string
  replies: CommentReplyView[]
  /** The Yjs client ids that wrote it (authorship.ts), creator first. */
  writerClientIds: number[]
  /** Decoded anchor; null when the stored anchor cannot be read. */
  anchor: CommentAnchor | null
  phase: Phase | null
  /** Where the anchored text is now (detached when it was deleted). */
  position: AnchorResolution
}

/** A comment as stored, parsed: everything of its view but where its text is now. */
type ParsedComment = Omit<CommentView, 'position'>

/**
 * The parsed comments of each document (null until read, and again after a
 * transaction changed the comments array or anything in it). The list and
 * the highlights of a phase note read the comments after every keystroke;
 * parsing each one again (toJSON, the schemas, the anchor) was most of that
 * read (issue 21). Only the positions, which move with the text, are
 * resolved on every read.
 */
interface ParsedEntry {
  parsed: readonly ParsedComment[] | null
}
const parsedByDoc = new WeakMap<Y.Doc, ParsedEntry>()

/** The document's entry; on first use it starts dropping the parsed comments before any observer of a transaction that changed them runs. */
function parsedOf(doc: Y.Doc): ParsedEntry {
  const known = parsedByDoc.get(doc)
  if (known !== undefined) {
    return known
  }
  const entry: ParsedEntry = { parsed: null }
  const comments = commentsArray(doc)
  doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
    if (entry.parsed !== null && changesWithin(transaction, comments)) {
      entry.parsed = null
    }
  })
  parsedByDoc.set(doc, entry)
  return entry
}

/** Whether the transaction changed `root` or a type inside it. */
function changesWithin(transaction: Y.Transaction, root: Y.Array<Y.Map<unknown>>): boolean {
  for (const changed of transaction.changed.keys()) {
    let current: unknown = changed
    while (current instanceof Y.AbstractType) {
      if (current === root) {
        return true
      }
      current = current._item?.parent
    }
  }
  return false
}

/**
 * The readable comments, in the order they were added (only those of
 * `phase` when given). A comment that does not fit the schema is skipped
 * rather than failing the whole list (a newer client's extra data, a broken
 * entry).
 */
export function readComments(doc: Y.Doc, phase?: Phase): CommentView[] {
  // Inside a transaction the parsed comments may be behind (they are dropped when it ends).
  let parsed: readonly ParsedComment[]
  if (doc._transaction !== null) {
    parsed = parseComments(doc)
  } else {
    const entry = parsedOf(doc)
    parsed = entry.parsed ?? (entry.parsed = parseComments(doc))
  }
  // Only the phase's comments are resolved when one is asked for: the rest would be resolved for nothing.
  return parsed
    .filter((comment) => phase === undefined || comment.phase === phase)
    .map((comment) => ({ ...comment, position: comment.anchor ? resolveAnchor(doc, comment.anchor) : { status: 'detached' } }))
}

function parseComments(doc: Y.Doc): ParsedComment[] {
  const views: ParsedComment[] = []
  for (const entry of commentsArray(doc).toArray()) {
    if (!(entry instanceof Y.Map)) {
      continue
    }
    const json: unknown = entry.toJSON()
    const parsed = Comment.safeParse(json)
    if (!parsed.success) {
      continue
    }
    const extra = Extra.safeParse(json)
    const rawReplies = (json as { replies?: unknown[] }).replies ?? []
    const replyMaps = entry.get('replies')
    const replies: CommentReplyView[] = parsed.data.replies.map((reply, index) => {
      const replyExtra = ReplyExtra.safeParse(rawReplies[index])
      const replyMap = replyMaps instanceof Y.Array ? replyMaps.get(index) : undefined
      const writers = replyMap instanceof Y.Map ? writerClientIds(replyMap) : []
      return replyExtra.success && replyExtra.data.authorName
        ? { ...reply, authorName: replyExtra.data.authorName, writerClientIds: writers }
        : { ...reply, writerClientIds: writers }
    })
    const anchor = decodeAnchor(parsed.data.anchor)
    views.push({
      id: parsed.data.id,
      authorId: parsed.data.authorId,
      ...(extra.success ? stripUndefined(extra.data) : {}),
      createdAt: parsed.data.createdAt,
      text: parsed.data.text,
      resolved: parsed.data.resolved,
      replies,
      writerClientIds: writerClientIds(entry),
      anchor,
      phase: anchor?.phase ?? null,
    })
  }
  return views
}

function stripUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>
}
