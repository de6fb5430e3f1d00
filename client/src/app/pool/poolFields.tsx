/** Small labelled inputs the pool's forms share: every input has its label, groups have a legend. */
import { useId, type ReactNode } from 'react'

export function TextField({ label, value, onChange, testId, type = 'text', hint }: { label: string; value: string; onChange: (value: string) => void; testId: string; type?: string; hint?: string }) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint !== undefined ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <input id={id} type={type} value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId} aria-describedby={hint !== undefined ? `${id}-hint` : undefined} />
    </div>
  )
}

export function CheckField({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId: string }) {
  const id = useId()
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid={testId} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

export function SelectField<T extends string>({ label, value, options, optionLabel, onChange, testId }: { label: string; value: T; options: readonly T[]; optionLabel: (option: T) => string; onChange: (value: T) => void; testId: string }) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)} data-testid={testId}>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A checkbox per option inside a fieldset. */
export function CheckGroup<T extends string>({ legend, options, selected, optionLabel, onChange, testId }: { legend: string; options: readonly T[]; selected: readonly T[]; optionLabel: (option: T) => string; onChange: (selected: T[]) => void; testId: string }) {
  return (
    <fieldset className="stack" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <CheckField
          key={option}
          label={optionLabel(option)}
          checked={selected.includes(option)}
          onChange={(checked) => onChange(checked ? [...selected, option] : selected.filter((entry) => entry !== option))}
          testId={`${testId}-${option}`}
        />
      ))}
    </fieldset>
  )
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId()
  return (
    <section aria-labelledby={id} className="stack card" data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

/** "301, 302" as a list, and back. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
export const joinList = (items: readonly string[]): string => items.join(', ')
