import { useTranslation } from 'react-i18next'
import type { Notes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Goal, PlanMeta } from '../../../../../shared/src/caseDocument/plan.js'
import { goalStatusTimeline } from '../../../../../shared/src/process/phases.js'
import { smartWarnings } from '../../../../../shared/src/process/smartWarnings.js'

/** The SMART parts that get a short hint under their field. */
export const SmartHintKeys = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'] as const
export type SmartHintKey = (typeof SmartHintKeys)[number]

export function isSmartHintKey(key: string): key is SmartHintKey {
  return (SmartHintKeys as readonly string[]).includes(key)
}

/** A short hint under a SMART field; its id goes into the field's aria-describedby. */
export function SmartHint({ id, field }: { id: string; field: SmartHintKey }) {
  const { t } = useTranslation()
  return (
    <small id={id} className="smart-hint" data-testid={`goal.hint.${field}`}>
      {t(`process.smartHint.${field}`)}
    </small>
  )
}

/** Non-blocking SMART warnings of one goal. */
export function GoalWarnings({ goal, meta }: { goal: Goal; meta: Pick<PlanMeta, 'expectedEndDate'> }) {
  const { t } = useTranslation()
  if (goal.status === 'dropped') {
    return null
  }
  const warnings = smartWarnings(goal, meta)
  return (
    <div role="status" className="goal-warnings">
      {warnings.length > 0 ? (
        <ul className="notice warn">
          {warnings.map((code) => (
            <li key={code} data-testid="goal.warning" data-code={code}>
              {t(`process.warning.${code}`)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The goal's status over time, from the phase reviews. */
export function GoalTimeline({ goalId, notes, headingId }: { goalId: string; notes: Notes; headingId: string }) {
  const { t } = useTranslation()
  const points = goalStatusTimeline(notes, goalId)
  return (
    <div className="goal-timeline" data-testid="goal.timeline">
      <h4 id={headingId}>{t('process.timelineHeading')}</h4>
      {points.length === 0 ? (
        <p className="meta">{t('process.timelineEmpty')}</p>
      ) : (
        <ol aria-labelledby={headingId}>
          {points.map((point) => (
            <li key={point.phase} data-phase={point.phase} data-attainment={point.attainment}>
              <span className="timeline-phase">{t(`phases.${point.phase}`)}:</span> {t(`goal.statuses.${point.attainment}`)}
              {point.stillValid ? null : <span className="badge">{t('process.review.notValidBadge')}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
