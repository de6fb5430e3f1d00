import { useEffect, useState, type RefObject } from 'react'

/** The text selected inside `element`, kept while focus moves to a button (to black it out). */
export function useSelectionIn(element: RefObject<HTMLElement | null>): string {
  const [selected, setSelected] = useState('')
  useEffect(() => {
    const handler = (): void => {
      const selection = document.getSelection()
      const text = selection?.toString().trim() ?? ''
      if (text !== '' && selection?.anchorNode && element.current?.contains(selection.anchorNode)) {
        setSelected(text)
      }
    }
    document.addEventListener('selectionchange', handler)
    return () => document.removeEventListener('selectionchange', handler)
  }, [element])
  return selected
}
