import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { buildReport } from '../../../../shared/src/report/buildReport.js'
import type { ReportInput } from '../../../../shared/src/report/input.js'
import { formatHours } from '../../../../shared/src/report/markdown.js'
import { formatDate } from '../format.js'
import { HoursSummary, RichBlocks } from './ReportBlocks.js'
import { CoachOnlyGate, useReportInput } from './ReportScreen.js'
import { FrameSection, GoalCard, GoalsSection, MeetingsSection, OutcomeSection } from './ReportSections.js'
import { useReportRooms } from './useReportRooms.js'

/**
 * The reading view (/cases/:caseId/read): the whole case as one continuous,
 * printable, read-only document — plan with goals, each phase with its notes
 * and goal reviews, meetings with outcomes, the hours log.
 */
export function ReadingScreen() {
  const { t } = useTranslation()
  const { caseId = '' } = useParams()
  const rooms = useReportRooms(caseId)
  const input = useReportInput(rooms, 'final')
  return (
    <CoachOnlyGate rooms={rooms}>
      {() => (input ? <ReadingPage input={input} caseId={caseId} fromCache={rooms.fromCache} /> : <p role="status">{t('report.loading')}</p>)}
    </CoachOnlyGate>
  )
}

function ReadingPage({ input, caseId, fromCache }: { input: ReportInput; caseId: string; fromCache: boolean }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const report = useMemo(() => buildReport('final', input), [input])
  const caseLink = `/cases/${encodeURIComponent(caseId)}`
  const coachName = (id: string): string => input.coachNames?.[id] ?? id
  const entries = [...(input.hours ?? [])].sort((a, b) => a.date.localeCompare(b.date))
  return (
    <div className="stack report" data-testid="reading.page">
      <div className="no-print">
        <Link to={caseLink} className="back-link">
          ← {t('report.back')}
        </Link>
      </div>
      <div className="report-actions">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="report.print">
          {t('report.print')}
        </button>
        <Link to={`${caseLink}/report/interim`}>{t('report.kind.interim')}</Link>
        <Link to={`${caseLink}/report/final`}>{t('report.kind.final')}</Link>
        <span className="meta">{t('report.printHint')}</span>
      </div>
      {fromCache ? (
        <p className="notice no-print" role="status">
          {t('report.offlineCopy')}
        </p>
      ) : null}
      <article className="report-doc">
        <header>
          <h1 data-testid="reading.title">{report.title}</h1>
          <p className="meta">
            {t('report.reading')}
            {report.caseType ? ` · ${t(`report.caseType.${report.caseType}`)}` : ''} · {t('report.generatedOn', { date: formatDate(report.generatedOn, lang) })}
          </p>
        </header>
        <FrameSection report={report} showPhase />
        <GoalsSection report={report} />
        {report.phases.map((phase) => {
          const reviewed = report.goals.filter((goal) => goal.reviews.some((review) => review.phase === phase.phase))
          return (
            <section key={phase.phase} aria-labelledby={`reading-${phase.phase}-h`} className="report-section" data-testid={`reading.phase.${phase.phase}`}>
              <h2 id={`reading-${phase.phase}-h`}>{t(`phases.${phase.phase}`)}</h2>
              <RichBlocks blocks={phase.blocks} empty={t('report.noNotes')} />
              {reviewed.length > 0 ? (
                <>
                  <h3>{t('report.review')}</h3>
                  {reviewed.map((goal) => (
                    <GoalCard key={goal.id} goal={goal} onlyPhase={phase.phase} />
                  ))}
                </>
              ) : null}
            </section>
          )
        })}
        <MeetingsSection report={report} />
        <section aria-labelledby="reading-hours-h" className="report-section">
          <h2 id="reading-hours-h">{t('report.hours')}</h2>
          <HoursSummary hours={report.hours} />
          {entries.length > 0 ? (
            <table className="report-table" data-testid="reading.hours-log">
              <thead>
                <tr>
                  <th scope="col">{t('report.date')}</th>
                  <th scope="col">{t('report.coach')}</th>
                  <th scope="col">{t('report.activity')}</th>
                  <th scope="col" className="num">
                    {t('report.hours')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={index}>
                    <td>{formatDate(entry.date, lang)}</td>
                    <td>{coachName(entry.coachId)}</td>
                    <td>
                      {entry.activity}
                      {entry.phase ? <span className="meta"> ({t(`phases.${entry.phase}`)})</span> : null}
                    </td>
                    <td className="num">{formatHours(entry.hours, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        {report.outcome ? <OutcomeSection report={report} /> : null}
      </article>
    </div>
  )
}
