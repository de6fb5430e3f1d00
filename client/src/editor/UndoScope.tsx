import type { KeyboardEvent, ReactNode } from 'react'
import type * as Y from 'yjs'
import { undoKeyAction, undoLocal, type UndoDocKind } from '../sync/docUndo.js'

/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y for the form fields inside: undoes this
 * client's own last edit of the document (never a colleague's). A rich-text
 * editor inside keeps its own history: its key presses are left alone.
 */
export function UndoScope({ doc, kind, children, className }: { doc: Y.Doc; kind: UndoDocKind; children: ReactNode; className?: string }) {
  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = undoKeyAction(event)
    if (action === null || event.defaultPrevented) {
      return
    }
    const target = event.target as HTMLElement
    if (target.closest('[contenteditable="true"]')) {
      return
    }
    // Also keeps the browser's own input history from acting on the field.
    event.preventDefault()
    undoLocal(doc, kind, action === 'redo')
  }
  return (
    <div className={className} onKeyDown={handleKeyDown}>
      {children}
    </div>
  )
}
