import { useTranslation } from 'react-i18next'
import type { EntryDiff, FieldDiff } from '../../../../../shared/src/versions/textDiff.js'
import { FieldChange } from './DiffText.js'

/** How an entry changed, as the key suffix of its badge text (`…Added`, `…Removed`, `…Changed`). */
export function changeSuffix(change: EntryDiff['change']): 'Added' | 'Removed' | 'Changed' {
  return change === 'added' ? 'Added' : change === 'removed' ? 'Removed' : 'Changed'
}

/** One section of a diff: changed fields of the document, or changed entries of one of its lists. */
export type DiffSection =
  | { key: string; heading: string; fields: readonly FieldDiff[]; label: (field: string) => string }
  | {
      key: string
      heading: string
      entries: readonly EntryDiff[]
      /** Label of an entry's field. */
      label: (field: string) => string
      /** The badge of an entry ("Ziel hinzugefügt", "Eintrag geändert"). */
      badge: (entry: EntryDiff) => string
      /** `data-testid` of each entry (with `data-change`). */
      entryTestId?: string
    }

export interface DiffListProps {
  /** Whether anything changed at all; otherwise "unchanged" is all there is to say. */
  changed: boolean
  /** In order; sections without changes are left out. */
  sections: readonly DiffSection[]
  /** Level of the section headings (they sit under the caller's heading). */
  level?: 3 | 4
  testId?: string
  className?: string
}

function Fields({ list, label }: { list: readonly FieldDiff[]; label: (field: string) => string }) {
  return (
    <dl className="diff-fields">
      {list.map((field) => (
        <div key={field.field} className="diff-field">
          <dt>{label(field.field)}</dt>
          <dd>
            <FieldChange field={field} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * A readable diff of a plan or notes version (Versionen, "what changed
 * since you agreed"): one section with a heading per part that changed,
 * changed fields as a definition list, changed entries as a list with a
 * badge each, changed words marked with <ins>/<del>. One column at 390 px.
 */
export function DiffList({ changed, sections, level = 4, testId = 'versions.diff', className }: DiffListProps) {
  const { t } = useTranslation()
  const Heading = `h${level}` as const
  if (!changed) {
    return (
      <p className="meta" data-testid={testId} data-changed="false">
        {t('versions.unchanged')}
      </p>
    )
  }
  return (
    <div className={`version-diff${className ? ` ${className}` : ''}`} data-testid={testId} data-changed="true">
      {sections.map((section) => {
        if ('fields' in section) {
          return section.fields.length === 0 ? null : (
            <section key={section.key}>
              <Heading>{section.heading}</Heading>
              <Fields list={section.fields} label={section.label} />
            </section>
          )
        }
        return section.entries.length === 0 ? null : (
          <section key={section.key}>
            <Heading>{section.heading}</Heading>
            <ul className="diff-entries">
              {section.entries.map((entry) => (
                <li key={entry.id} className={`diff-entry diff-${entry.change}`} data-testid={section.entryTestId} data-change={entry.change}>
                  <p className="diff-entry-head">
                    <strong>{entry.label || t('versions.diff.empty')}</strong> <span className="diff-badge">{section.badge(entry)}</span>
                  </p>
                  <Fields list={entry.fields} label={section.label} />
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}
