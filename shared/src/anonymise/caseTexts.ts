/**
 * The texts of a case that a supervision copy takes over (plan fields,
 * goals, participants' roles, the approach, phase notes, reviews, meetings
 * and their outcomes, the outcome) as plain strings, for detectors that look
 * at the whole case before anything is replaced.
 */
import type * as Y from 'yjs'
import { notesSnapshot } from '../caseDocument/notes.js'
import { planSnapshot } from '../caseDocument/plan.js'
import { fragmentToPlainText } from '../richText/plainText.js'

/** Every string in a plain value, depth first. */
function stringsOf(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    out.push(value)
  } else if (Array.isArray(value)) {
    value.forEach((item) => stringsOf(item, out))
  } else if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((item) => stringsOf(item, out))
  }
}

/** A snapshot, or nothing when a root holds another Yjs type than expected (hand-made documents). */
function safely(read: () => unknown): unknown {
  try {
    return read()
  } catch {
    return undefined
  }
}

/** Whether a root fragment's content goes into a copy (report drafts and anything else do not). */
function isCopiedFragment(name: string): boolean {
  return name === 'approach' || name.startsWith('phase:') || name.startsWith('meeting:')
}

/** The copied texts of the plan and the notes (not the hours' activities, not comments, not report drafts). */
export function caseTexts(plan: Y.Doc, notes: Y.Doc): string[] {
  const out: string[] = []
  stringsOf(safely(() => planSnapshot(plan)), out)
  const snapshot = safely(() => notesSnapshot(notes))
  if (typeof snapshot === 'object' && snapshot !== null) {
    const { meta, reviews, meetings } = snapshot as Record<string, unknown>
    stringsOf([meta, reviews, meetings], out)
  }
  for (const doc of [plan, notes]) {
    // Sorted: the order of a document's roots depends on how it was built, the letters must not.
    for (const name of [...doc.share.keys()].sort()) {
      if (isCopiedFragment(name)) {
        const text = safely(() => fragmentToPlainText(doc.getXmlFragment(name)))
        if (typeof text === 'string') {
          out.push(text)
        }
      }
    }
  }
  return out
}
