import type { InputHTMLAttributes } from 'react'
import { useCommittedValue } from '../hooks/useCommittedValue.js'

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
  return <input {...rest} {...useCommittedValue<HTMLInputElement>(value, onCommit)} />
}
