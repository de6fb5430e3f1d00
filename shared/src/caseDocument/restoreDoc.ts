/**
 * Restoring an earlier version of the plan or the notes (contract §8.4) as a
 * NEW change of the live document, field by field, so it merges with what
 * open clients hold and reads as what it is: texts change through
 * replaceText (only the changed middle), goals, participants, meetings,
 * hours and comments are matched by id, a rich-text fragment that differs
 * is replaced by clones of the old XML, scalars are set where they differ.
 * It also repairs a broken document: a foreign schemaVersion is set back,
 * a value of the wrong Yjs type is replaced, and roots the schema does not
 * name are emptied.
 *
 * Issue 18: the notes' locked months (a confirmed proof of hours) stay as
 * they are: the `hoursLocks` root and every hours entry dated in a locked
 * month, now or in the version, are left untouched, the rest is restored.
 */
import * as Y from 'yjs'
import type { VersionDoc } from '../api/versions.js'
import { isDateLocked, lockedMonths, NotesHoursLocksMap } from '../hoursProof/monthLock.js'
import { NotesHoursArray } from './notes.js'
import { GoalStatus, isHoursBudgetDerived, Phase } from './plan.js'
import { rootTypeOf } from './roomSchemas.js'
import { newText, replaceText } from './textFields.js'

/** Any shared type (Yjs types are parameterised by their event type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

/** Decides whether the live value at `path`/`key` stays (progress a restore must not undo). */
type Keep = (path: readonly string[], key: string, current: unknown, target: Y.Map<unknown>) => boolean

/**
 * Progress is no content: restoring the plan keeps the current phase and
 * each goal's status (a valid one), so a restore never reopens a closed
 * phase or forgets an achieved goal (contract §8.3 keeps them out of the
 * agreed content for the same reason). A budget the approvals make
 * (issue 18) stays too: only the approvals change it.
 */
const keepPlanProgress: Keep = (path, key, current, target) => {
  if (path.length === 1 && path[0] === 'meta' && key === 'currentPhase') {
    return Phase.safeParse(current).success
  }
  if (path.length === 1 && path[0] === 'meta' && (key === 'hoursBudget' || key === 'hoursBudgetSource')) {
    return isHoursBudgetDerived(target)
  }
  if (path.length === 2 && path[0] === 'goals' && key === 'status') {
    return GoalStatus.safeParse(current).success
  }
  return false
}

const keepNothing: Keep = () => false

/** Decides whether a list entry stays exactly as it is (present or absent): neither restored, removed nor inserted. */
type Fixed = (path: readonly string[], entry: unknown) => boolean

const fixNothing: Fixed = () => false

/** Hours entries dated in a month locked in the live notes (its confirmed proof must not change). */
function fixLockedHours(live: Y.Doc): Fixed {
  const locked = lockedMonths(live)
  return (path, entry) => locked.size > 0 && path.length === 1 && path[0] === NotesHoursArray && entry instanceof Y.Map && isDateLocked(locked, entry.get('date'))
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function jsonOf(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

/** A value of the source, ready to insert into the target document. */
function cloneValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value
}

/** Deletes every entry of a type, whichever way (keys or list) it holds them. */
function clearType(type: AnyType, transaction: Y.Transaction): void {
  type._map.forEach((item) => {
    if (!item.deleted) {
      item.delete(transaction)
    }
  })
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) {
      item.delete(transaction)
    }
  }
}

function restoreMap(target: Y.Map<unknown>, source: Y.Map<unknown>, path: readonly string[], keep: Keep, fixed: Fixed = fixNothing): void {
  for (const key of [...target.keys()]) {
    if (!source.has(key) && !keep(path, key, target.get(key), target)) {
      target.delete(key)
    }
  }
  source.forEach((value, key) => {
    const current = target.get(key)
    if (keep(path, key, current, target)) {
      return
    }
    if (value instanceof Y.Text) {
      if (current instanceof Y.Text) {
        replaceText(current, value.toString())
      } else {
        target.set(key, newText(value.toString()))
      }
    } else if (value instanceof Y.Map && current instanceof Y.Map) {
      restoreMap(current as Y.Map<unknown>, value as Y.Map<unknown>, [...path, key], keep, fixed)
    } else if (value instanceof Y.Array && current instanceof Y.Array) {
      restoreArray(current as Y.Array<unknown>, value as Y.Array<unknown>, [...path, key], keep, fixed)
    } else if (value instanceof Y.AbstractType) {
      if (!(current instanceof Y.AbstractType) || current.constructor !== value.constructor || !sameJson(current.toJSON(), value.toJSON())) {
        target.set(key, value.clone())
      }
    } else if (current instanceof Y.AbstractType || !sameJson(current, value)) {
      target.set(key, value)
    }
  })
}

function idOf(entry: unknown): string | undefined {
  if (!(entry instanceof Y.Map)) {
    return undefined
  }
  const id: unknown = entry.get('id')
  return typeof id === 'string' ? id : undefined
}

/**
 * An array of maps with ids is matched by id: entries gone from the source
 * are removed, kept ones restored in place, missing ones inserted at their
 * old position. Any other array is replaced as a whole when it differs.
 * A fixed entry (live or in the source) is left as the live document has it.
 */
function restoreArray(target: Y.Array<unknown>, source: Y.Array<unknown>, path: readonly string[], keep: Keep, fixed: Fixed = fixNothing): void {
  const sourceEntries = source.toArray()
  const byId = sourceEntries.every((entry) => idOf(entry) !== undefined)
  const anyFixed = target.toArray().some((entry) => fixed(path, entry))
  if ((!byId || sourceEntries.length === 0) && !anyFixed) {
    if (!sameJson(target.toJSON(), source.toJSON())) {
      target.delete(0, target.length)
      target.insert(0, sourceEntries.map(cloneValue))
    }
    return
  }
  const wanted = new Map(sourceEntries.flatMap((entry) => (idOf(entry) === undefined ? [] : [[idOf(entry) as string, entry as Y.Map<unknown>] as const])))
  const seen = new Set<string>()
  for (let index = target.length - 1; index >= 0; index--) {
    const entry = target.get(index)
    const id = idOf(entry)
    if (fixed(path, entry)) {
      if (id !== undefined) {
        seen.add(id)
      }
    } else if (id === undefined || !wanted.has(id) || seen.has(id)) {
      target.delete(index, 1)
    } else {
      seen.add(id)
    }
  }
  sourceEntries.forEach((entry, index) => {
    const id = idOf(entry)
    if (id === undefined || fixed(path, entry)) {
      return
    }
    const current = target.toArray().find((candidate) => idOf(candidate) === id)
    if (current !== undefined && fixed(path, current)) {
      return
    }
    if (current instanceof Y.Map) {
      restoreMap(current as Y.Map<unknown>, entry as Y.Map<unknown>, [...path, id], keep, fixed)
    } else {
      target.insert(Math.min(index, target.length), [cloneValue(entry)])
    }
  })
}

function restoreFragment(target: Y.XmlFragment, source: Y.XmlFragment): void {
  if (target.toJSON() === source.toJSON()) {
    return
  }
  target.delete(0, target.length)
  // tiptap writes elements and texts only; a hook node would not render anyway.
  const nodes = source.toArray().flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : []))
  target.insert(0, nodes)
}

/** Whether a root holds entries of the other kind (keys in a list root, a list in a map root). */
function hasForeignEntries(type: AnyType, expected: 'map' | 'array' | 'fragment'): boolean {
  return expected === 'map' ? type._start !== null : type._map.size > 0
}

/**
 * Writes the content of `source` (a version, already migrated to today's
 * schema) into `target` (the live document) as one transaction. For the
 * plan, progress (current phase, goal status) stays as it is.
 */
export function restoreDocument(kind: VersionDoc, target: Y.Doc, source: Y.Doc): void {
  const keep = kind === 'plan' ? keepPlanProgress : keepNothing
  const fixed = kind === 'notes' ? fixLockedHours(target) : fixNothing
  // Only the server locks months, and only by a confirmation: a restore keeps the locks as they are.
  const untouched = (name: string): boolean => kind === 'notes' && name === NotesHoursLocksMap
  target.transact((transaction) => {
    const names = new Set<string>()
    for (const [name, type] of target.share) {
      if (untouched(name)) {
        continue
      }
      const expected = rootTypeOf(kind, name)
      if (expected === undefined || hasForeignEntries(type, expected)) {
        clearType(type, transaction)
      }
      if (expected !== undefined) {
        names.add(name)
      }
    }
    for (const name of source.share.keys()) {
      if (rootTypeOf(kind, name) !== undefined && !untouched(name)) {
        names.add(name)
      }
    }
    for (const name of [...names].sort()) {
      switch (rootTypeOf(kind, name)) {
        case 'map':
          restoreMap(target.getMap(name), source.getMap(name), [name], keep)
          break
        case 'array':
          restoreArray(target.getArray(name), source.getArray(name), [name], keep, fixed)
          break
        case 'fragment':
          restoreFragment(target.getXmlFragment(name), source.getXmlFragment(name))
          break
        case undefined:
          break
      }
    }
  })
}

/** Plain JSON of every named root of a document (tests and the "nothing changed" check). */
export function documentJson(kind: VersionDoc, doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) {
    const type = rootTypeOf(kind, name)
    if (type === 'map') {
      out[name] = doc.getMap(name).toJSON()
    } else if (type === 'array') {
      out[name] = doc.getArray(name).toJSON()
    } else if (type === 'fragment') {
      out[name] = jsonOf(doc.getXmlFragment(name))
    }
  }
  return out
}
