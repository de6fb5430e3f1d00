import { useState, type ChangeEvent, type FocusEvent } from 'react'

type Field = HTMLInputElement | HTMLTextAreaElement

/**
 * Binds a form field to a shared document value. While focused the field
 * keeps its own value, so a remote update does not move the caret; it commits
 * on every change and on blur, and shows the document's value again when not
 * focused. Spread the result onto an input or a textarea.
 */
export function useCommittedValue<E extends Field>(value: string, onCommit: (value: string) => void) {
  const [draft, setDraft] = useState<string | null>(null)
  return {
    value: draft ?? value,
    onFocus: () => setDraft(value),
    onChange: (event: ChangeEvent<E>) => {
      setDraft(event.target.value)
      onCommit(event.target.value)
    },
    onBlur: (event: FocusEvent<E>) => {
      if (event.target.value !== value) {
        onCommit(event.target.value)
      }
      setDraft(null)
    },
  }
}
