/**
 * Free-text values that merge character by character (contract §8.1): in
 * schema v2 every free-text value of the plan (and the notes' texts people
 * write together) is a `Y.Text` inside its map, never a plain string, so two
 * people typing in one field both keep what they typed.
 */
import * as Y from 'yjs'

/** A new Y.Text holding `value` (to put into a map). */
export function newText(value: string): Y.Text {
  const text = new Y.Text()
  if (value !== '') {
    text.insert(0, value)
  }
  return text
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * Replaces the content of a Y.Text with `value`, touching only the changed
 * middle (common prefix and suffix stay), so a concurrent edit elsewhere in
 * the text survives and the change reads as what it is in a diff.
 */
export function replaceText(text: Y.Text, value: string): void {
  const current = text.toString()
  if (current === value) {
    return
  }
  let start = 0
  const shorter = Math.min(current.length, value.length)
  while (start < shorter && current.charCodeAt(start) === value.charCodeAt(start)) {
    start++
  }
  // Never split a surrogate pair (an emoji, a rare CJK or hieroglyph): Yjs
  // would store a lone half, and both sides would read U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) {
    start--
  }
  let end = 0
  while (end < shorter - start && current.charCodeAt(current.length - 1 - end) === value.charCodeAt(value.length - 1 - end)) {
    end++
  }
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) {
    end--
  }
  const apply = (): void => {
    const removed = current.length - start - end
    if (removed > 0) {
      text.delete(start, removed)
    }
    const inserted = value.slice(start, value.length - end)
    if (inserted !== '') {
      text.insert(start, inserted)
    }
  }
  if (text.doc) {
    text.doc.transact(apply)
  } else {
    apply()
  }
}

/**
 * The Y.Text under `key` of a map; a missing value is created (empty). A
 * value of another type (a plain string from an older app) is left alone and
 * undefined returned: only the server's migration converts it.
 */
export function textIn(map: Y.Map<unknown>, key: string): Y.Text | undefined {
  const value = map.get(key)
  if (value instanceof Y.Text) {
    return value
  }
  if (value === undefined) {
    const text = new Y.Text()
    map.set(key, text)
    return text
  }
  return undefined
}

/** Sets the text under `key` of a map to `value` (merging, see {@link replaceText}). */
export function setTextIn(map: Y.Map<unknown>, key: string, value: string): void {
  const text = textIn(map, key)
  if (text) {
    replaceText(text, value)
  }
}

/** Issues for every key of `map` in `keys` whose value is present but not a Y.Text. */
export function textShapeIssues(map: Y.Map<unknown>, keys: readonly string[], path: string): string[] {
  const issues: string[] = []
  for (const key of keys) {
    const value = map.get(key)
    if (value !== undefined && !(value instanceof Y.Text)) {
      issues.push(`${path}.${key}: expected a text (Y.Text), found ${typeof value}`)
    }
  }
  return issues
}

/** A map built from a record: keys in `textKeys` become Y.Text, the rest stay scalars (undefined is left out). */
export function mapWithTexts(record: Record<string, unknown>, textKeys: readonly string[]): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) {
      continue
    }
    map.set(key, textKeys.includes(key) && typeof value === 'string' ? newText(value) : value)
  }
  return map
}
