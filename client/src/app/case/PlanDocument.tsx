import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { type Goal, type Plan } from '../../../../shared/src/caseDocument/plan.js'
import { GoalSmartFieldOrder } from '../../../../shared/src/report/labels.js'
import { formatDate, formatHours } from '../format.js'
import { ApproachReadView } from './ApproachReadView.js'

export interface PlanDocumentProps {
  doc: Y.Doc
  provider: WebsocketProvider
  plan: Plan
  caretUser: { name: string; color: string }
}

/** The SMART parts shown under each goal, in this order. */
const goalParts = GoalSmartFieldOrder

/**
 * The measure plan as a document for those who read it (an employer without
 * co-editing, a coachee's full view, everyone once the case is closed):
 * headings, sentences and formatted dates instead of greyed-out inputs —
 * selectable, reachable by keyboard, printable. Live while others write.
 */
export function PlanDocument({ doc, provider, plan, caretUser }: PlanDocumentProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const lang = i18n.language
  const m = plan.meta
  const date = (iso: string | undefined): string | null => (iso ? formatDate(iso, lang) : null)
  const start = date(m.startDate)
  const end = date(m.expectedEndDate)
  const period =
    start && end
      ? t('planDoc.period', { start, end })
      : start
        ? t('planDoc.periodFrom', { start })
        : end
          ? t('planDoc.periodUntil', { end })
          : t('planDoc.periodNone')
  const facts: Array<[string, string]> = [
    [t('planDoc.periodLabel'), period],
    [t('planDoc.hoursLabel'), m.hoursBudget === undefined ? t('planDoc.notSet') : t('planDoc.hours', { hours: formatHours(m.hoursBudget, lang) })],
    [t('plan.currentPhase'), t(`phases.${m.currentPhase}`)],
    [t('plan.employerName'), m.employerName?.trim() || t('planDoc.notSet')],
    [t('plan.workplace'), m.workplace?.trim() || t('planDoc.notSet')],
  ]
  return (
    <article className="plan-document" aria-labelledby={`${id}-title`} tabIndex={0} data-testid="plan.document">
      <h3 id={`${id}-title`} className="plan-document-title" data-testid="plan.document-title">
        {m.title.trim() || t('planDoc.untitled')}
      </h3>
      <dl className="plan-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby={`${id}-goals`}>
        <h3 id={`${id}-goals`}>{t('plan.goalsHeading')}</h3>
        {plan.goals.length === 0 ? <p data-testid="plan.no-goals">{t('plan.noGoals')}</p> : null}
        {plan.goals.map((goal, index) => (
          <GoalSection key={goal.id} goal={goal} number={index + 1} language={lang} />
        ))}
      </section>
      {plan.participants.length > 0 ? (
        <section aria-labelledby={`${id}-participants`}>
          <h3 id={`${id}-participants`}>{t('planDoc.participants')}</h3>
          <ul>
            {plan.participants.map((participant) => (
              <li key={participant.id}>
                {[participant.name, participant.function || t(`participants.role.${participant.role}`), participant.organisation].filter((part) => part.trim() !== '').join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ApproachReadView doc={doc} provider={provider} caretUser={caretUser} heading={t('plan.approach')} empty={<p className="meta">{t('planDoc.notSet')}</p>} />
    </article>
  )
}

function GoalSection({ goal, number, language }: { goal: Goal; number: number; language: string }) {
  const { t } = useTranslation()
  const id = useId()
  const title = goal.title.trim()
  return (
    <section className="plan-goal" aria-labelledby={`${id}-h`} data-testid="plan.document-goal" data-goal-id={goal.id}>
      <h4 id={`${id}-h`}>{title === '' ? t('goal.heading', { number }) : t('planDoc.goalHeading', { number, title })}</h4>
      <dl>
        {goalParts.map((part) => (
          <div key={part}>
            <dt>{t(`goal.${part}`)}</dt>
            <dd className="plan-text" data-testid={`plan.document-goal.${part}`}>
              {goal[part].trim() === '' ? <span className="meta">{t('planDoc.notSet')}</span> : goal[part]}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('goal.timeBound')}</dt>
          <dd data-testid="plan.document-goal.timeBound">{goal.timeBound ? formatDate(goal.timeBound, language) : <span className="meta">{t('planDoc.notSet')}</span>}</dd>
        </div>
        <div>
          <dt>{t('goal.status')}</dt>
          <dd data-testid="plan.document-goal.status" data-status={goal.status}>
            {t(`goal.statuses.${goal.status}`)}
          </dd>
        </div>
      </dl>
    </section>
  )
}
