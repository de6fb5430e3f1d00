import { useTranslation } from 'react-i18next'
import type { PlanDiff } from '../../../../../shared/src/versions/planDiff.js'
import type { EntryDiff } from '../../../../../shared/src/versions/textDiff.js'
import { planLabelKey, type PlanLabel, type PlanView } from '../planView.js'
import { changeSuffix, DiffList } from './DiffList.js'

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
 * What changed in the measure plan: the goals, the plan's own fields
 * (duration, hours budget, approach), the participants and the three-party
 * agreement's parts (issue 19, A6; labelled as the plan shows them), in the
 * coachee's plain words where the view is plain.
 */
export function PlanDiffView({ diff, view, level = 4, testId = 'versions.diff' }: PlanDiffViewProps) {
  const { t } = useTranslation()
  const plain = view === 'plain'
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
  const goalBadge = ({ change }: EntryDiff): string => (plain ? t(`plain.diff.goal${changeSuffix(change)}`) : t(`versions.diff.goal${changeSuffix(change)}`))
  return (
    <DiffList
      changed={diff.changed}
      level={level}
      testId={testId}
      className={plain ? 'plain-view' : undefined}
      sections={[
        { key: 'goals', heading: t(planLabelKey(view, 'goals')), entries: diff.goals, label: goalFieldLabel, badge: goalBadge, entryTestId: `${testId}-goal` },
        { key: 'fields', heading: plain ? t('plain.diff.planFields') : t('versions.diff.planFields'), fields: diff.fields, label: fieldLabel },
        {
          key: 'participants',
          heading: t('versions.diff.participants'),
          entries: diff.participants,
          label: (field) => t(`versions.diff.field.${field}`),
          badge: ({ change }) => t(`versions.diff.participant${changeSuffix(change)}`),
          entryTestId: `${testId}-participant`,
        },
        {
          key: 'agreementParts',
          heading: t(plain ? 'agreementParts.plainHeading' : 'agreementParts.heading'),
          fields: diff.agreementParts,
          label: (field) => t(`${plain ? 'agreementParts.plain' : 'agreementParts.label'}.${field}`),
        },
      ]}
    />
  )
}
