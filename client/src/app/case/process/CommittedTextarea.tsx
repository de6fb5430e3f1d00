import { useState, type TextareaHTMLAttributes } from 'react'

type NativeProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'onFocus' | 'onBlur'>

/**
 * A textarea bound to a shared document value (like CommittedInput): keeps
 * its own value while focused, commits on change and blur.
 */
export function CommittedTextarea({ value, onCommit, ...rest }: NativeProps & { value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null)
  return (
    <textarea
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
