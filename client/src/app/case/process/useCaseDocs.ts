import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { readNotes, notesHours, notesMeetings, notesReviews, type Notes } from '../../../../../shared/src/caseDocument/notes.js'
import { planGoals, planMeta, readPlan, type Plan } from '../../../../../shared/src/caseDocument/plan.js'
import type { ReadResult } from '../../../../../shared/src/caseDocument/common.js'
import { useYVersion } from '../../../hooks/useYVersion.js'

/** The validated plan of a plan document, re-read on every change; null without a doc. */
export function usePlanRead(doc: Y.Doc | null): ReadResult<Plan> | null {
  const meta = useMemo(() => (doc ? planMeta(doc) : null), [doc])
  const goals = useMemo(() => (doc ? planGoals(doc) : null), [doc])
  const version = useYVersion(meta, goals)
  return useMemo(() => {
    void version
    return doc ? readPlan(doc) : null
  }, [doc, version])
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
 * A value read from a document, re-read on the document's update event (and
 * only re-rendering when it changed); undefined without a doc. `read` must be
 * stable (a module-level function).
 */
export function useDocValue<T>(doc: Y.Doc | null, read: (doc: Y.Doc) => T): T | undefined {
  const [state, setState] = useState<{ doc: Y.Doc; value: T } | null>(null)
  useEffect(() => {
    if (!doc) {
      return undefined
    }
    const update = (): void => {
      const value = read(doc)
      setState((previous) => (previous !== null && previous.doc === doc && Object.is(previous.value, value) ? previous : { doc, value }))
    }
    update()
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc, read])
  return state !== null && state.doc === doc ? state.value : undefined
}
