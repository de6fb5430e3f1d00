import type { TextareaHTMLAttributes } from 'react'
import { useCommittedValue } from '../../../hooks/useCommittedValue.js'

type NativeProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'onFocus' | 'onBlur'>

/**
 * A textarea bound to a shared document value (like CommittedInput): keeps
 * its own value while focused, commits on change and blur.
 */
export function CommittedTextarea({ value, onCommit, ...rest }: NativeProps & { value: string; onCommit: (value: string) => void }) {
  return <textarea {...rest} {...useCommittedValue<HTMLTextAreaElement>(value, onCommit)} />
}
