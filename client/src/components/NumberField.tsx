import { useState, type InputHTMLAttributes } from 'react'

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'type'>

export interface NumberFieldProps extends NativeProps {
  /** The number in the document (undefined: not set). */
  value: number | undefined
  /** Parses what is typed: a number, undefined for "empty", or null for "not valid (yet)". */
  parse: (raw: string) => number | undefined | null
  /** Writes a new value; called only when a valid input differs from the document. */
  onValueChange: (value: number | undefined) => void
}

/**
 * A number input bound to a last-writer-wins scalar: writes on a real change
 * only, never on focus or blur. What is typed ("1," on the way to "1,5") is
 * kept while it still means the document's value; a colleague's new value
 * replaces it.
 */
export function NumberField({ value, parse, onValueChange, ...rest }: NumberFieldProps) {
  const [typed, setTyped] = useState<string | null>(null)
  const formatted = value === undefined ? '' : String(value)
  const shown = typed !== null && parse(typed) === value ? typed : formatted
  return (
    <input
      {...rest}
      type="number"
      value={shown}
      onChange={(event) => {
        const raw = event.target.value
        setTyped(raw)
        // A half-typed number reads as '' with badInput: not a wish to clear the field.
        if (event.target.validity.badInput) {
          return
        }
        const parsed = parse(raw)
        if (parsed !== null && parsed !== value) {
          onValueChange(parsed)
        }
      }}
      onBlur={() => setTyped(null)}
    />
  )
}
