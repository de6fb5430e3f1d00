/**
 * What the meetings and the hours log share (near-copy D3): a list of entries
 * under its heading, with the removal notice ("Rückgängig") above it and a
 * text when there is none; and the button that removes one entry.
 */
import { useId, type ReactNode } from 'react'

export interface EntryListSectionProps {
  heading: string
  /** The removal notice of useRemovalUndo (shown above the list). */
  notice: ReactNode
  /** No entries: `emptyText` instead of the list. */
  empty: boolean
  emptyText: string
  emptyTestId?: string
  /** The list itself. */
  children: ReactNode
}

/** A list of entries with its heading, removal notice and empty text. */
export function EntryListSection({ heading, notice, empty, emptyText, emptyTestId, children }: EntryListSectionProps) {
  const id = useId()
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      {notice}
      {empty ? <p data-testid={emptyTestId}>{emptyText}</p> : children}
    </section>
  )
}

/** Removes one entry (undoable through the notice); its label names the entry for screen readers. */
export function RemoveEntryButton({ label, onRemove, testId }: { label: string; onRemove: () => void; testId: string }) {
  return (
    <button type="button" className="danger small" onClick={onRemove} data-testid={testId}>
      {label}
    </button>
  )
}
