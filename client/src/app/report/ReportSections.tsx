import { useTranslation } from 'react-i18next'
import type { Phase } from '../../../../shared/src/caseDocument/plan.js'
import type { Report, ReportGap, ReportGoal } from '../../../../shared/src/report/buildReport.js'
import { formatHours } from '../../../../shared/src/report/markdown.js'
import { GoalSmartFieldOrder } from '../../../../shared/src/report/labels.js'
import { formatDate } from '../format.js'
import { RichBlocks } from './ReportBlocks.js'

/** Frame of the measure: employer, dates, hours budget (and participants, approach). */
export function FrameSection({ report, showPhase = false }: { report: Report; showPhase?: boolean }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const { frame } = report
  return (
    <section aria-labelledby="report-frame-h" className="report-section">
      <h2 id="report-frame-h">{t('report.frame')}</h2>
      <dl className="report-facts">
        {frame.employerName ? (
          <>
            <dt>{t('report.employer')}</dt>
            <dd>{frame.employerName}</dd>
          </>
        ) : null}
        {frame.workplace ? (
          <>
            <dt>{t('report.workplace')}</dt>
            <dd>{frame.workplace}</dd>
          </>
        ) : null}
        <dt>{t('report.startDate')}</dt>
        <dd>{frame.startDate ? formatDate(frame.startDate, lang) : '—'}</dd>
        <dt>{t('report.expectedEndDate')}</dt>
        <dd>{frame.expectedEndDate ? formatDate(frame.expectedEndDate, lang) : '—'}</dd>
        <dt>{t('report.hoursBudget')}</dt>
        <dd>{frame.hoursBudget !== undefined ? t('report.hoursUnit', { hours: formatHours(frame.hoursBudget, lang) }) : '—'}</dd>
        {showPhase && frame.currentPhase ? (
          <>
            <dt>{t('report.currentPhase')}</dt>
            <dd>{t(`phases.${frame.currentPhase}`)}</dd>
          </>
        ) : null}
      </dl>
      {report.participants.length > 0 ? (
        <>
          <h3>{t('report.participants')}</h3>
          <ul>
            {report.participants.map((participant, index) => (
              <li key={index}>
                {participant.name}
                {participant.role ? ` (${participant.role})` : ''}
                {participant.organisation ? `, ${participant.organisation}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.approach.text.trim() !== '' ? (
        <>
          <h3>{t('report.approach')}</h3>
          <RichBlocks blocks={report.approach.blocks} empty="—" />
        </>
      ) : null}
    </section>
  )
}

function ReviewLine({ review }: { review: ReportGoal['reviews'][number] }) {
  const { t } = useTranslation()
  return (
    <>
      <span className={`attainment-${review.attainment}`}>{t(`goal.statuses.${review.attainment}`)}</span>,{' '}
      {review.stillValid ? t('report.stillValid') : t('report.notValidAnymore')}
      {review.note.trim() !== '' ? ` — ${review.note}` : ''}
    </>
  )
}

/** One goal with its SMART parts and its attainment per phase review. */
export function GoalCard({ goal, onlyPhase }: { goal: ReportGoal; onlyPhase?: Phase }) {
  const { t, i18n } = useTranslation()
  const reviews = onlyPhase ? goal.reviews.filter((review) => review.phase === onlyPhase) : goal.reviews
  return (
    <article className="report-goal" data-testid="report.goal" data-goal-id={goal.id} data-attainment={goal.attainment}>
      <h3>
        {t('report.goal', { number: goal.number })}: {goal.title || '—'}
      </h3>
      {onlyPhase ? null : (
        <ul>
          {GoalSmartFieldOrder
            .filter((key) => goal[key].trim() !== '')
            .map((key) => (
              <li key={key}>
                <strong>{t(`goal.${key}`)}:</strong> {goal[key]}
              </li>
            ))}
          {goal.timeBound ? (
            <li>
              <strong>{t('goal.timeBound')}:</strong> {formatDate(goal.timeBound, i18n.language)}
            </li>
          ) : null}
        </ul>
      )}
      <p>
        <strong>{t('report.attainment')}:</strong>{' '}
        <span className={`attainment-${goal.attainment}`} data-testid="report.goal-attainment">
          {t(`goal.statuses.${goal.attainment}`)}
        </span>
        {onlyPhase ? null : (
          <span className="meta">
            {' '}
            ({t('report.planStatus')}: {t(`goal.statuses.${goal.status}`)})
          </span>
        )}
      </p>
      {reviews.length === 0 ? (
        <p className="meta">
          {t('report.review')}: {t('report.notReviewed')}
        </p>
      ) : (
        <ul>
          {reviews.map((review) => (
            <li key={review.phase} data-testid="report.goal-review" data-phase={review.phase}>
              <strong>{t('report.reviewOf', { phase: t(`phases.${review.phase}`) })}:</strong> <ReviewLine review={review} />
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}

export function GoalsSection({ report }: { report: Report }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="report-goals-h" className="report-section">
      <h2 id="report-goals-h">{t('report.goals')}</h2>
      {report.goals.length === 0 ? (
        <p className="report-empty">{t('report.noGoals')}</p>
      ) : (
        <>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('goal.title')}</th>
                <th scope="col">{t('report.planStatus')}</th>
                <th scope="col">{t('report.attainment')}</th>
              </tr>
            </thead>
            <tbody>
              {report.goals.map((goal) => (
                <tr key={goal.id}>
                  <td>{goal.number}</td>
                  <td>{goal.title || '—'}</td>
                  <td>{t(`goal.statuses.${goal.status}`)}</td>
                  <td className={`attainment-${goal.attainment}`}>{t(`goal.statuses.${goal.attainment}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.goals.map((goal) => (
            <GoalCard key={goal.id} goal={goal} />
          ))}
        </>
      )}
    </section>
  )
}

export function MeetingsSection({ report }: { report: Report }) {
  const { t, i18n } = useTranslation()
  return (
    <section aria-labelledby="report-meetings-h" className="report-section">
      <h2 id="report-meetings-h">{t('report.meetings')}</h2>
      {report.meetings.length === 0 ? <p className="report-empty">{t('report.noMeetings')}</p> : null}
      {report.meetings.map((meeting) => (
        <article key={meeting.id} className="report-meeting" data-testid="report.meeting" data-kind={meeting.kind}>
          <h3>
            {t(`report.meetingKind.${meeting.kind}`)}, {formatDate(meeting.date, i18n.language)}
          </h3>
          {meeting.participants.trim() !== '' ? (
            <p>
              <strong>{t('report.meetingParticipants')}:</strong> {meeting.participants}
            </p>
          ) : null}
          <RichBlocks blocks={meeting.outcome.blocks} empty="—" />
        </article>
      ))}
    </section>
  )
}

export function OutcomeSection({ report }: { report: Report }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="report-outcome-h" className="report-section" data-testid="report.outcome" data-secured={String(report.secured)}>
      <h2 id="report-outcome-h">{t('report.outcome')}</h2>
      {report.outcome ? (
        <>
          <p>
            <strong>{t(`report.outcomeKind.${report.outcome.kind}`)}</strong>
          </p>
          {report.outcome.how.trim() !== '' ? (
            <p>
              <strong>{t('report.outcomeHow')}:</strong> {report.outcome.how}
            </p>
          ) : null}
          {report.outcome.why.trim() !== '' ? (
            <p>
              <strong>{t('report.outcomeWhy')}:</strong> {report.outcome.why}
            </p>
          ) : null}
        </>
      ) : (
        <p className="report-empty">{t('report.noOutcome')}</p>
      )}
    </section>
  )
}

function gapText(t: (key: string, options?: Record<string, unknown>) => string, gap: ReportGap): string {
  switch (gap.code) {
    case 'unreviewedGoals':
      return t('report.gap.unreviewedGoals', { goals: gap.goals.join(', ') })
    case 'emptyPart':
      return t('report.gap.emptyPart', { part: t(`report.parts.${gap.part}`) })
    default:
      return t(`report.gap.${gap.code}`)
  }
}

/** What the report still lacks (screen only). */
export function GapsNotice({ gaps }: { gaps: ReportGap[] }) {
  const { t } = useTranslation()
  if (gaps.length === 0) {
    return null
  }
  return (
    <div className="notice warn report-gaps no-print" role="status" data-testid="report.gaps">
      <strong>{t('report.gapsHeading')}</strong>
      <ul>
        {gaps.map((gap, index) => (
          <li key={index} data-code={gap.code}>
            {gapText(t, gap)}
          </li>
        ))}
      </ul>
    </div>
  )
}
