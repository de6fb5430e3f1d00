import { useTranslation } from 'react-i18next'
import type { PlanDiff } from '../../../../../shared/src/versions/planDiff.js'
import type { EntryDiff, FieldDiff } from '../../../../../shared/src/versions/textDiff.js'
import { planLabelKey, type PlanLabel, type PlanView } from '../planView.js'
import { FieldChange } from './DiffText.js'

/** Goal fields with a plain-language label (the others keep their SMART name). */
const plainGoalLabels: Readonly<Record<string, PlanLabel>> = { title: 'what', measurable: 'measurable', timeBound: 'timeBound', responsible: 'responsible' }

export interface PlanDiffViewProps {
  diff: PlanDiff
  /** `plain`: the coachee's plain-language wording. */
  view: PlanView
  /** Level of the diff's section headings (they sit under the caller's heading). */
  level?: 3 | 4
  testId?: string
}

/**
 * What changed in the measure plan, readable: sections with headings, one
 * list item per changed goal or participant, changed words marked with
 * <ins>/<del>. Works in one column at 390 px.
 */
export function PlanDiffView({ diff, view, level = 4, testId = 'versions.diff' }: PlanDiffViewProps) {
  const { t } = useTranslation()
  const plain = view === 'plain'
  const Heading = `h${level}` as const
  const fieldLabel = (field: string): string => {
    if (field === 'approach') {
      return t(planLabelKey(view, 'approach'))
    }
    if (plain && (field === 'startDate' || field === 'expectedEndDate' || field === 'hoursBudget')) {
      return t(`plain.diff.${field}`)
    }
    return t(`versions.diff.field.${field}`)
  }
  const goalFieldLabel = (field: string): string => {
    const plainLabel = plainGoalLabels[field]
    return plainLabel ? t(planLabelKey(view, plainLabel)) : t(`goal.${field}`)
  }
  const changeWord = (kind: 'goal' | 'participant', entry: EntryDiff): string => {
    const suffix = entry.change === 'added' ? 'Added' : entry.change === 'removed' ? 'Removed' : 'Changed'
    return plain && kind === 'goal' ? t(`plain.diff.goal${suffix}`) : t(`versions.diff.${kind}${suffix}`)
  }
  const fields = (list: readonly FieldDiff[], label: (field: string) => string) => (
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
  const entries = (list: readonly EntryDiff[], kind: 'goal' | 'participant', label: (field: string) => string) => (
    <ul className="diff-entries">
      {list.map((entry) => (
        <li key={entry.id} className={`diff-entry diff-${entry.change}`} data-testid={`${testId}-${kind}`} data-change={entry.change}>
          <p className="diff-entry-head">
            <strong>{entry.label || t('versions.diff.empty')}</strong> <span className="diff-badge">{changeWord(kind, entry)}</span>
          </p>
          {fields(entry.fields, label)}
        </li>
      ))}
    </ul>
  )
  if (!diff.changed) {
    return (
      <p className="meta" data-testid={testId} data-changed="false">
        {t('versions.unchanged')}
      </p>
    )
  }
  return (
    <div className={`version-diff${plain ? ' plain-view' : ''}`} data-testid={testId} data-changed="true">
      {diff.goals.length > 0 ? (
        <section>
          <Heading>{t(planLabelKey(view, 'goals'))}</Heading>
          {entries(diff.goals, 'goal', goalFieldLabel)}
        </section>
      ) : null}
      {diff.fields.length > 0 ? (
        <section>
          <Heading>{plain ? t('plain.diff.planFields') : t('versions.diff.planFields')}</Heading>
          {fields(diff.fields, fieldLabel)}
        </section>
      ) : null}
      {diff.participants.length > 0 ? (
        <section>
          <Heading>{t('versions.diff.participants')}</Heading>
          {entries(diff.participants, 'participant', (field) => t(`versions.diff.field.${field}`))}
        </section>
      ) : null}
    </div>
  )
}
