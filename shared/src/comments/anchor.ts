/**
 * Where a tandem comment sits in a phase note.
 *
 * The notes schema (contract §3.1) stores a comment's `anchor` as a string.
 * Fallbuch writes it as JSON (format version 1):
 *
 *   {"v":1,"phase":"analysis","start":"<base64>","end":"<base64>","quote":"…"}
 *
 * `start` and `end` are base64 of `Y.encodeRelativePosition` of the first and
 * the last selected character's boundaries inside the phase fragment
 * `phase:<phase>`; `quote` (optional, at most {@link MaxQuoteLength}
 * characters) is the text that was selected, so a comment whose text was
 * deleted can still say what it was about. A relative position names a Yjs
 * item, not an index, so the anchor stays on its text while both coaches keep
 * editing: inserts before it (by anyone, concurrently or not) move it along.
 *
 * `start` sticks to the first selected character (assoc 0) and `end` to the
 * last one (assoc -1): text typed right before or right after the comment's
 * range does not widen it.
 *
 * Pure Yjs: no ProseMirror here. The editor converts its positions with
 * @tiptap/y-tiptap and then calls {@link stickInward}.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { z } from 'zod'
import { Phase } from '../caseDocument/plan.js'
import { plainOfText } from '../richText/textNodes.js'

/** Longest quote kept in an anchor (the schema limits `anchor` to 1,000 characters). */
export const MaxQuoteLength = 160
/** The schema's limit of the `anchor` string. */
export const MaxAnchorLength = 1_000

export interface CommentAnchor {
  phase: Phase
  start: Y.RelativePosition
  end: Y.RelativePosition
  quote?: string
}

const AnchorJSON = z.object({
  v: z.literal(1),
  phase: Phase,
  start: z.string().min(1).max(400),
  end: z.string().min(1).max(400),
  quote: z.string().max(MaxQuoteLength * 2).optional(),
})

/** Shortens a quote to {@link MaxQuoteLength} characters (with an ellipsis). */
export function shortenQuote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= MaxQuoteLength ? flat : `${flat.slice(0, MaxQuoteLength - 1)}…`
}

/** The anchor as the string stored in a comment (always within {@link MaxAnchorLength}). */
export function encodeAnchor(anchor: CommentAnchor): string {
  const base = {
    v: 1 as const,
    phase: anchor.phase,
    start: toBase64(Y.encodeRelativePosition(anchor.start)),
    end: toBase64(Y.encodeRelativePosition(anchor.end)),
  }
  if (anchor.quote !== undefined && anchor.quote !== '') {
    const withQuote = JSON.stringify({ ...base, quote: shortenQuote(anchor.quote) })
    if (withQuote.length <= MaxAnchorLength) {
      return withQuote
    }
  }
  return JSON.stringify(base)
}

/** Reads an anchor string; null for anything that is not a valid anchor (never throws). */
export function decodeAnchor(encoded: string): CommentAnchor | null {
  let json: unknown
  try {
    json = JSON.parse(encoded)
  } catch {
    return null
  }
  const parsed = AnchorJSON.safeParse(json)
  if (!parsed.success) {
    return null
  }
  try {
    const start = Y.decodeRelativePosition(fromBase64(parsed.data.start))
    const end = Y.decodeRelativePosition(fromBase64(parsed.data.end))
    return { phase: parsed.data.phase, start, end, ...(parsed.data.quote !== undefined ? { quote: parsed.data.quote } : {}) }
  } catch {
    return null
  }
}

/**
 * The same position, re-associated so that it sticks to the selected text:
 * `start` to the character after it, `end` to the character before it.
 * Returns the position unchanged when it cannot be resolved.
 */
export function stickInward(doc: Y.Doc, position: Y.RelativePosition, side: 'start' | 'end'): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText)) {
    return position
  }
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, side === 'start' ? 0 : -1)
}

/** An anchor over characters [from, to) of one text node (tests, imports). */
export function anchorInText(phase: Phase, text: Y.XmlText | Y.Text, from: number, to: number, quote?: string): CommentAnchor {
  return {
    phase,
    start: Y.createRelativePositionFromTypeIndex(text, from, 0),
    end: Y.createRelativePositionFromTypeIndex(text, to, -1),
    ...(quote !== undefined ? { quote } : {}),
  }
}

/** What the walks here need of a Yjs type: its item (null for a root type). */
interface YNode {
  readonly _item: Y.Item | null
}

/** Whether a type or any of its ancestors is deleted. */
function isDeletedType(type: YNode): boolean {
  let item = type._item
  while (item) {
    if (item.deleted) {
      return true
    }
    item = (item.parent as Y.AbstractType<unknown>)._item
  }
  return false
}

export type AnchorResolution =
  | { status: 'attached'; start: Y.AbsolutePosition; end: Y.AbsolutePosition; text: string }
  /** The commented text is gone (deleted by either coach), or the anchor is unreadable. */
  | { status: 'detached' }

/**
 * Where an anchor is now, in the phase fragment it names. Detached when a
 * position cannot be resolved (not yet synced, garbage collected), lies
 * outside its phase fragment, sits in deleted content, or when nothing is
 * left between start and end. Never throws.
 */
export function resolveAnchor(doc: Y.Doc, anchor: CommentAnchor): AnchorResolution {
  try {
    const fragment = doc.getXmlFragment(`phase:${anchor.phase}`)
    const start = Y.createAbsolutePositionFromRelativePosition(anchor.start, doc)
    const end = Y.createAbsolutePositionFromRelativePosition(anchor.end, doc)
    if (!start || !end) {
      return { status: 'detached' }
    }
    // Null as well when a position lies outside the fragment or in deleted content.
    const text = textBetween(fragment, start, end)
    if (text === null || text.trim() === '') {
      return { status: 'detached' }
    }
    return { status: 'attached', start, end, text }
  } catch {
    return { status: 'detached' }
  }
}

/**
 * Plain text between two positions in text nodes of a fragment (paragraph
 * boundaries become a newline); null when a position is not in a text node
 * of the fragment or end lies before start. Walks only from start to end,
 * never the whole note: the comment list and the highlights resolve every
 * comment's anchor after each keystroke, and listing a long note's text
 * nodes for each one cost milliseconds per key (issue 21).
 */
export function textBetween(fragment: Y.XmlFragment, start: Y.AbsolutePosition, end: Y.AbsolutePosition): string | null {
  if (!(start.type instanceof Y.XmlText) || !(end.type instanceof Y.XmlText) || !isInside(fragment, start.type) || !isInside(fragment, end.type)) {
    return null
  }
  if (start.type === end.type) {
    return start.index <= end.index ? plainOfText(start.type).slice(start.index, end.index) : null
  }
  const parts = [plainOfText(start.type).slice(start.index)]
  for (let node = nextInOrder(start.type, fragment); node !== null; node = nextInOrder(node, fragment)) {
    if (node === end.type) {
      parts.push(plainOfText(end.type).slice(0, end.index))
      return parts.join('\n')
    }
    if (node instanceof Y.XmlText) {
      parts.push(plainOfText(node))
    }
  }
  // End comes before start in the note.
  return null
}

/** Whether `node` is a live descendant of `fragment`. */
function isInside(fragment: Y.XmlFragment, node: Y.XmlText): boolean {
  return node._item !== null && Y.isParentOf(fragment, node._item) && !isDeletedType(node)
}

/** The next node of `root` in document order (an element's first child before its next sibling), or null after the last. */
function nextInOrder(node: YNode, root: Y.XmlFragment): YNode | null {
  if (node instanceof Y.XmlElement && node.firstChild !== null) {
    return node.firstChild
  }
  for (let current: YNode = node; current !== root; ) {
    // Item.next skips deleted siblings.
    const sibling = current._item?.next ?? null
    if (sibling !== null) {
      return (sibling.content as Y.ContentType).type
    }
    const parent: unknown = current._item?.parent
    if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) {
      return null
    }
    current = parent
  }
  return null
}
