import type { ReactNode } from 'react'

/** Label above value, for a copy's parts: long German labels never push a value sideways at 390 px. */
export function StackedFacts({ rows }: { rows: ReadonlyArray<readonly [string, ReactNode]> }) {
  return (
    <dl className="copy-stacked">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
