/**
 * The pure part of binding a plain input or textarea to a Y.Text: the
 * minimal edit between what the field showed and what it shows now, a
 * caret carried through someone else's change, and an edit made during an
 * IME composition rebased over the changes that arrived meanwhile.
 * Positions are UTF-16 code units, as in Yjs and the DOM.
 */

/** One contiguous change: remove `remove` characters at `index`, then insert `insert` there. */
export interface TextEdit {
  index: number
  remove: number
  insert: string
}

/** One op of a Y.Text change (Y.YTextEvent.delta); embeds count as one character. */
export interface DeltaOp {
  insert?: string | object
  retain?: number
  delete?: number
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The minimal edit that turns `before` into `after`, or null when equal.
 * `caret` (the selection end after the change) decides where a change in a
 * run of equal characters happened: typing "a" between two "a"s inserts at
 * the caret, not at the end of the run. Never splits a surrogate pair.
 */
export function diffText(before: string, after: string, caret?: number | null): TextEdit | null {
  if (before === after) {
    return null
  }
  const shorter = Math.min(before.length, after.length)
  // The text after the caret is what the user did not touch: the common
  // suffix may not reach into what lies before the caret.
  const suffixLimit = caret === undefined || caret === null ? shorter : Math.min(shorter, Math.max(0, after.length - caret))
  let suffix = 0
  while (suffix < suffixLimit && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++
  }
  let prefix = 0
  const prefixLimit = shorter - suffix
  while (prefix < prefixLimit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) {
    prefix++
  }
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) {
    prefix--
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) {
    suffix--
  }
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) }
}

/** Applies an edit to a plain string (what the Y.Text will read after it). */
export function applyEditToString(value: string, edit: TextEdit): string {
  return value.slice(0, edit.index) + edit.insert + value.slice(edit.index + edit.remove)
}

function opLength(op: DeltaOp): number {
  if (op.insert === undefined) {
    return 0
  }
  return typeof op.insert === 'string' ? op.insert.length : 1
}

/**
 * Where a position ends up after a change. An insertion exactly at the
 * position moves it only when `assoc` is 1 (the position sticks to the
 * character after it); a deletion around it moves it to the deletion's start.
 */
export function transformPosition(delta: readonly DeltaOp[], position: number, assoc: -1 | 1 = -1): number {
  // `cursor` walks the old text: retain and delete advance it, inserts do not.
  let cursor = 0
  let shift = 0
  for (const op of delta) {
    if (cursor > position) {
      break
    }
    if (op.retain !== undefined) {
      cursor += op.retain
    } else if (op.insert !== undefined) {
      if (cursor < position || assoc > 0) {
        shift += opLength(op)
      }
    } else if (op.delete !== undefined) {
      const end = cursor + op.delete
      shift -= Math.max(0, Math.min(end, position) - cursor)
      cursor = end
    }
  }
  return position + shift
}

/** A selection carried through a change (start sticks left, end sticks left unless it covers text). */
export function transformSelection(delta: readonly DeltaOp[], start: number, end: number): { start: number; end: number } {
  const nextStart = transformPosition(delta, start, start === end ? -1 : 1)
  const nextEnd = start === end ? nextStart : transformPosition(delta, end, -1)
  return { start: nextStart, end: Math.max(nextStart, nextEnd) }
}

/**
 * An edit made against an older text, moved over the changes made since
 * (in order): its start and end follow the changes, so what others inserted
 * inside a removed range survives and nothing is removed twice.
 */
export function rebaseEdit(edit: TextEdit, deltas: readonly (readonly DeltaOp[])[]): TextEdit {
  let start = edit.index
  let end = edit.index + edit.remove
  for (const delta of deltas) {
    const collapsed = start === end
    start = transformPosition(delta, start, collapsed ? -1 : 1)
    end = collapsed ? start : transformPosition(delta, end, -1)
  }
  return { index: start, remove: Math.max(0, end - start), insert: edit.insert }
}
