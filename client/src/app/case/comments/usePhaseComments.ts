import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { phaseNotes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Phase } from '../../../../../shared/src/caseDocument/plan.js'
import { commentsArray, readComments, type CommentView } from '../../../../../shared/src/comments/thread.js'

/**
 * What the comment list shows of a comment is the same: the parsed comment
 * is the same object (readComments keeps it until the comments change), and
 * its text is where it was (the positions themselves move with any typing
 * before them, which the list does not show).
 */
function sameShown(a: CommentView, b: CommentView): boolean {
  for (const key of Object.keys(a) as (keyof CommentView)[]) {
    if (key !== 'position' && !Object.is(a[key], b[key])) {
      return false
    }
  }
  const [from, to] = [a.position, b.position]
  return from.status === to.status && (from.status !== 'attached' || to.status !== 'attached' || from.text === to.text)
}

function sameList(a: readonly CommentView[], b: readonly CommentView[]): boolean {
  return a.length === b.length && a.every((comment, index) => sameShown(comment, b[index] as CommentView))
}

/**
 * The comments of one phase note, live: re-read after every change of the
 * comments or of the note (a comment's text is typed in, or deleted), but
 * a new list (and a render of the comment list) only when something it
 * shows changed, not with every keystroke elsewhere in the note (issue 21).
 */
export function usePhaseComments(doc: Y.Doc, phase: Phase): readonly CommentView[] {
  const store = useMemo(() => {
    const read = (): CommentView[] => readComments(doc, phase)
    let current = read()
    const refresh = (): boolean => {
      const next = read()
      if (sameList(current, next)) {
        return false
      }
      current = next
      return true
    }
    return {
      get: () => current,
      subscribe: (onChange: () => void) => {
        const comments = commentsArray(doc)
        const fragment = phaseNotes(doc, phase)
        const handler = (): void => {
          if (refresh()) {
            onChange()
          }
        }
        comments.observeDeep(handler)
        fragment.observeDeep(handler)
        // A change between the first read and this subscription fired no handler.
        handler()
        return () => {
          comments.unobserveDeep(handler)
          fragment.unobserveDeep(handler)
        }
      },
    }
  }, [doc, phase])
  return useSyncExternalStore(store.subscribe, store.get)
}
