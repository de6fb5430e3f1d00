import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { docUndo, separateLocalEdit, undoStackItem, type UndoDocKind } from '../sync/docUndo.js'

/** How long the "Rückgängig" notice stays (unless focus is in it). */
export const removalNoticeMs = 10_000

interface Removal {
  /** The undo step of the removal (Yjs StackItem). */
  item: unknown
  message: string
  /** Where focus goes once the item is back. */
  focusRestored?: (() => void) | undefined
}

/**
 * Removing an item (goal, meeting, hours entry) as its own undo step, and
 * the notice that offers to bring it back: `remove(message, change)` runs
 * the removal; render `notice` where the list is.
 */
export function useRemovalUndo(doc: Y.Doc, kind: UndoDocKind, testId: string) {
  const [removal, setRemoval] = useState<Removal | null>(null)
  const remove = useCallback(
    (message: string, change: () => void, focusRestored?: () => void): void => {
      separateLocalEdit(doc, kind, change)
      const item = docUndo(doc, kind).manager.undoStack.at(-1)
      setRemoval(item ? { item, message, focusRestored } : null)
    },
    [doc, kind],
  )
  useEffect(() => {
    if (!removal) {
      return undefined
    }
    const manager = docUndo(doc, kind).manager
    // Ctrl+Z (or the button) brought it back: the notice has done its job.
    const handlePopped = (event: { stackItem: unknown; type: 'undo' | 'redo' }): void => {
      if (event.type === 'undo' && event.stackItem === removal.item) {
        setRemoval(null)
        removal.focusRestored?.()
      }
    }
    manager.on('stack-item-popped', handlePopped)
    return () => manager.off('stack-item-popped', handlePopped)
  }, [doc, kind, removal])
  const notice = (
    <RemovalNotice
      removal={removal}
      testId={testId}
      onUndo={() => {
        if (removal) {
          undoStackItem(docUndo(doc, kind).manager, removal.item)
        }
      }}
      onExpired={() => setRemoval(null)}
    />
  )
  return { remove, notice }
}

function RemovalNotice({ removal, testId, onUndo, onExpired }: { removal: Removal | null; testId: string; onUndo: () => void; onExpired: () => void }) {
  const { t } = useTranslation()
  const button = useRef<HTMLButtonElement>(null)
  const region = useRef<HTMLDivElement>(null)
  const [expired, setExpired] = useState(false)
  useEffect(() => {
    setExpired(false)
    if (!removal) {
      return undefined
    }
    // The removed item's button is gone: focus the way back instead of the page.
    button.current?.focus()
    const timer = setTimeout(() => setExpired(true), removalNoticeMs)
    return () => clearTimeout(timer)
  }, [removal])
  useEffect(() => {
    // Never pull the button away from under the keyboard focus.
    if (expired && !region.current?.contains(document.activeElement)) {
      onExpired()
    }
  }, [expired, onExpired])
  return (
    <div
      ref={region}
      role="status"
      className={removal ? 'notice removal-notice' : 'removal-notice-empty'}
      data-testid={testId}
      onBlur={() => {
        if (expired) {
          onExpired()
        }
      }}
    >
      {removal ? (
        <>
          <span>{removal.message}</span>{' '}
          <button ref={button} type="button" onClick={onUndo} data-testid={`${testId}-undo`}>
            {t('undo.button')}
          </button>
        </>
      ) : null}
    </div>
  )
}
