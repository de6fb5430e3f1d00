/**
 * The building blocks of version diffs (contract §8.4): word-level changes of
 * one field (jsdiff's diffWords) and changes of lists of entries matched by
 * id. Pure data, so the same diff renders inline, side by side or in plain
 * language.
 */
import { diffWords } from 'diff'

/** A run of text in a word diff. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/** One changed field: its values before and after and their word diff. */
export interface FieldDiff {
  /** The field's key (`title`, `timeBound`, `approach`, `phase:analysis`, …). */
  field: string
  before: string
  after: string
  parts: DiffPart[]
}

/** A changed entry of a list (a goal, a participant, a meeting, …). */
export interface EntryDiff {
  id: string
  change: 'added' | 'removed' | 'changed'
  /** What to call the entry: its title or name as it is now (before, for a removed one). */
  label: string
  /** The changed fields; for an added or removed entry every field that holds something. */
  fields: FieldDiff[]
}

/** An entry to compare: an id and its fields as strings (absent: empty). */
export interface ComparableEntry {
  id: string
  [field: string]: string | undefined
}

/** The word diff of two strings; empty when they are equal. */
export function diffText(before: string, after: string): DiffPart[] {
  if (before === after) {
    return []
  }
  return diffWords(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }))
}

/** The diff of one field, or null when it did not change. */
export function diffField(field: string, before: string | undefined, after: string | undefined): FieldDiff | null {
  const from = before ?? ''
  const to = after ?? ''
  return from === to ? null : { field, before: from, after: to, parts: diffText(from, to) }
}

/**
 * Compares two lists of entries by id: removed ones (in their old order),
 * then added and changed ones in the new order. `labelKey` names the field
 * that labels an entry.
 */
export function diffEntries(before: readonly ComparableEntry[], after: readonly ComparableEntry[], keys: readonly string[], labelKey: string): EntryDiff[] {
  const old = new Map(before.map((entry) => [entry.id, entry]))
  const now = new Set(after.map((entry) => entry.id))
  const fieldsOf = (from: ComparableEntry | undefined, to: ComparableEntry | undefined): FieldDiff[] =>
    keys.map((key) => diffField(key, from?.[key], to?.[key])).filter((field): field is FieldDiff => field !== null)
  const changes: EntryDiff[] = before
    .filter((entry) => !now.has(entry.id))
    .map((entry) => ({ id: entry.id, change: 'removed', label: entry[labelKey] ?? '', fields: fieldsOf(entry, undefined) }))
  for (const entry of after) {
    const previous = old.get(entry.id)
    const fields = fieldsOf(previous, entry)
    if (!previous) {
      changes.push({ id: entry.id, change: 'added', label: entry[labelKey] ?? '', fields })
    } else if (fields.length > 0) {
      changes.push({ id: entry.id, change: 'changed', label: entry[labelKey] || previous[labelKey] || '', fields })
    }
  }
  return changes
}

/** A value as a string for comparison (numbers in plain notation, absent as ''). */
export function asText(value: unknown): string {
  if (typeof value === 'string') {
    return value
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''
}
