import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { planGoals, planMeta, readPlan } from '../../../../shared/src/caseDocument/plan.js'
import { useYVersion } from '../../hooks/useYVersion.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { formatDate } from '../format.js'
import { ApproachReadView } from './ApproachReadView.js'
import { DocProblem } from './DocProblem.js'
import { goalStatusKey, planLabelKey } from './planView.js'

export interface PlainPlanViewProps {
  room: CaseRoom
  localLoaded: boolean
  caretUser: { name: string; color: string }
}

/**
 * The measure plan in plain language for the coachee: read-only, larger
 * type, short sentences and plain labels; live while a coach types.
 */
export function PlainPlanView({ room, localLoaded, caretUser }: PlainPlanViewProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const { doc, provider } = room
  const meta = useMemo(() => planMeta(doc), [doc])
  const goals = useMemo(() => planGoals(doc), [doc])
  const version = useYVersion(meta, goals)
  const result = useMemo(() => {
    void version
    return readPlan(doc)
  }, [doc, version])
  const label = (key: Parameters<typeof planLabelKey>[1]): string => t(planLabelKey('plain', key))

  if (!result.ok) {
    if (result.reason === 'empty' && !localLoaded) {
      return <p role="status">{t('app.loading')}</p>
    }
    return <DocProblem reason={result.reason} issues={result.issues} testId="plan.problem" room={room} />
  }
  const plan = result.value

  return (
    <div className="plain-view" data-testid="plan.plain">
      <p className="plain-title" data-testid="plan.plain-title">
        {plan.meta.title}
      </p>
      <section aria-labelledby={`${id}-goals`}>
        <h3 id={`${id}-goals`}>{label('goals')}</h3>
        {plan.goals.length === 0 ? <p data-testid="plan.no-goals">{label('noGoals')}</p> : null}
        <ol className="plain-goals">
          {plan.goals.map((goal, index) => (
            <li key={goal.id} className="plain-goal" data-testid="plain.goal" data-goal-id={goal.id}>
              <h4>{t('plain.goalNumber', { number: index + 1 })}</h4>
              <dl>
                <dt>{label('what')}</dt>
                <dd data-testid="plain.what">{[goal.title, goal.specific].filter((text) => text.trim() !== '').join(' – ') || t('plain.empty')}</dd>
                <dt>{label('measurable')}</dt>
                <dd data-testid="plain.measurable">{goal.measurable || t('plain.empty')}</dd>
                <dt>{label('timeBound')}</dt>
                <dd data-testid="plain.time-bound">{goal.timeBound ? formatDate(goal.timeBound, i18n.language) : t('plain.empty')}</dd>
                <dt>{label('responsible')}</dt>
                <dd data-testid="plain.responsible">{goal.responsible || t('plain.empty')}</dd>
                <dt>{label('status')}</dt>
                <dd data-testid="plain.status" data-status={goal.status}>
                  {t(goalStatusKey('plain', goal.status))}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      </section>
      <ApproachReadView
        doc={doc}
        provider={provider}
        caretUser={caretUser}
        heading={label('approach')}
        empty={<p data-testid="plain.approach-empty">{t('plain.empty')}</p>}
      />
    </div>
  )
}
