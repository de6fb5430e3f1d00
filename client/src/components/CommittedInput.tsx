import { useState, type InputHTMLAttributes } from 'react'

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onFocus' | 'onBlur'>

export interface CommittedInputProps extends NativeProps {
  /** The current value in the document. */
  value: string
  /** Writes a new value to the document. */
  onCommit: (value: string) => void
}

/**
 * An input bound to a shared document value. While focused it keeps its own
 * value, so a remote update does not move the caret; it commits on every
 * change and on blur, and shows the document's value again when not focused.
 */
export function CommittedInput({ value, onCommit, ...rest }: CommittedInputProps) {
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <input
      {...rest}
      value={draft ?? value}
      onFocus={() => setDraft(value)}
      onChange={(event) => {
        setDraft(event.target.value)
        onCommit(event.target.value)
      }}
      onBlur={(event) => {
        if (event.target.value !== value) {
          onCommit(event.target.value)
        }
        setDraft(null)
      }}
    />
  )
}
