import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { readNotes, notesHours, notesMeetings, notesReviews, type Notes } from '../../../../../shared/src/caseDocument/notes.js'
import { planGoals, planMeta, planParticipants, readPlan, type Plan } from '../../../../../shared/src/caseDocument/plan.js'
import type { ReadResult } from '../../../../../shared/src/caseDocument/common.js'
import { useYVersion } from '../../../hooks/useYVersion.js'

/** The validated plan of a plan document, re-read on every change; null without a doc. */
export function usePlanRead(doc: Y.Doc | null): ReadResult<Plan> | null {
  const meta = useMemo(() => (doc ? planMeta(doc) : null), [doc])
  const goals = useMemo(() => (doc ? planGoals(doc) : null), [doc])
  const participants = useMemo(() => (doc ? planParticipants(doc) : null), [doc])
  const version = useYVersion(meta, goals)
  // The people around the case change too (issue 16: the participants panel, the meetings' picker).
  const participantsVersion = useYVersion(participants)
  return useMemo(() => {
    void version
    void participantsVersion
    return doc ? readPlan(doc) : null
  }, [doc, version, participantsVersion])
}

/** The validated structured notes, re-read on every change; null without a doc. */
export function useNotesRead(doc: Y.Doc | null): ReadResult<Notes> | null {
  const meta = useMemo(() => (doc ? doc.getMap('meta') : null), [doc])
  const reviews = useMemo(() => (doc ? notesReviews(doc) : null), [doc])
  const meetings = useMemo(() => (doc ? notesMeetings(doc) : null), [doc])
  const hours = useMemo(() => (doc ? notesHours(doc) : null), [doc])
  const first = useYVersion(meta, reviews)
  const second = useYVersion(meetings, hours)
  return useMemo(() => {
    void first
    void second
    return doc ? readNotes(doc) : null
  }, [doc, first, second])
}

/** The value of a successful read, else null. */
export function valueOf<T>(result: ReadResult<T> | null): T | null {
  return result?.ok ? result.value : null
}

/**
 * Whether two read values are the same: identical, or arrays / plain
 * objects with the same content (a reader that builds a small object or a
 * list, such as the interim schedule or the phase returns, builds a new one
 * on every read).
 */
export function sameReadValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) {
    return true
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return false
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((entry, index) => sameReadValue(entry, b[index]))
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) {
    return false
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  return keys.length === Object.keys(right).length && keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameReadValue(left[key], right[key]))
}

/**
 * A value read from a document, re-read on the document's update event (and
 * only re-rendering when it changed, see {@link sameReadValue}: it is read on
 * every keystroke in the document, and a re-render here re-renders the whole
 * case screen); undefined without a doc. `read` must be stable (a
 * module-level function).
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T): T | undefined {
  const [state, setState] = useState<{ doc: Y.Doc; value: T } | null>(null)
  // Compared before setState: an updater that keeps the old state still renders the component once.
  const latest = useRef<{ doc: Y.Doc; value: T } | null>(null)
  useEffect(() => {
    if (!doc) {
      return undefined
    }
    const update = (): void => {
      const value = read(doc)
      const previous = latest.current
      if (previous !== null && previous.doc === doc && sameReadValue(previous.value, value)) {
        return
      }
      latest.current = { doc, value }
      setState(latest.current)
    }
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc, read])
  return state !== null && state.doc === doc ? state.value : undefined
}
