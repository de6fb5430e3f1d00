import { useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type * as Y from 'yjs'
import { localToday } from '../../../../shared/src/process/dates.js'
import { buildReport, type Report } from '../../../../shared/src/report/buildReport.js'
import { reportInputFromDocs, type ReportInput } from '../../../../shared/src/report/input.js'
import { reportFileName, reportToMarkdown } from '../../../../shared/src/report/markdown.js'
import {
  interimScheduleOf,
  isReportKind,
  lastInterimReportDate,
  recordInterimReport,
  reportPartFragment,
  type ReportKind,
} from '../../../../shared/src/report/parts.js'
import { interimReportDue } from '../../../../shared/src/report/schedule.js'
import { setEmployabilityRequested } from '../../../../shared/src/report/templates.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { InterimScheduleForm } from './InterimScheduleForm.js'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import { userColor } from '../../sync/userColor.js'
import { useUser } from '../AuthContext.js'
import { formatDate } from '../format.js'
import { HoursSummary, RichBlocks } from './ReportBlocks.js'
import { FrameSection, GapsNotice, GoalsSection, MeetingsSection, OutcomeSection } from './ReportSections.js'
import { useDocsVersion, useReportRooms, type ReportRooms } from './useReportRooms.js'

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, fileName: string, type = 'text/markdown;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The frame every coach-only report page shares: loading, errors, the "coaches only" message. */
export function CoachOnlyGate({ rooms, children }: { rooms: ReportRooms; children: (plan: Y.Doc, notes: Y.Doc) => ReactNode }) {
  const { t } = useTranslation()
  const { caseId = '' } = useParams()
  if (rooms.error) {
    return (
      <div className="stack">
        <ErrorAlert message={rooms.error} testId="report.error" />
        <Link to="/">{t('case.back')}</Link>
      </div>
    )
  }
  if (!rooms.detail) {
    return <p role="status">{t('app.loading')}</p>
  }
  if (rooms.forbidden) {
    return (
      <div className="stack">
        <p role="alert" className="alert" data-testid="report.forbidden">
          {t('report.coachesOnly')}
        </p>
        <Link to={`/cases/${encodeURIComponent(caseId)}`}>{t('report.back')}</Link>
      </div>
    )
  }
  for (const room of [rooms.plan.snapshot, rooms.notes.snapshot]) {
    if (room?.closedReason === 'accessRevoked' || room?.closedReason === 'erased' || room?.closedReason === 'sessionEnded') {
      return (
        <p role="alert" className="alert" data-testid="report.room-closed">
          {t(`case.${room.closedReason}`)}
        </p>
      )
    }
  }
  if (!rooms.ready || !rooms.plan.room || !rooms.notes.room) {
    return <p role="status">{t('report.loading')}</p>
  }
  return <>{children(rooms.plan.room.doc, rooms.notes.room.doc)}</>
}

/** Reads the report input from the open documents, recomputed on every change. */
export function useReportInput(rooms: ReportRooms, kind: ReportKind): ReportInput | null {
  const planDoc = rooms.plan.room?.doc ?? null
  const notesDoc = rooms.notes.room?.doc ?? null
  const version = useDocsVersion(planDoc, notesDoc)
  const detail = rooms.detail
  return useMemo(() => {
    void version
    if (!planDoc || !notesDoc || !detail || !rooms.ready) {
      return null
    }
    const coachNames = Object.fromEntries(detail.members.map((member) => [member.userId, member.name]))
    return reportInputFromDocs(planDoc, notesDoc, kind, { today: localToday(), caseType: detail.type, coachNames, flow: detail.flow })
  }, [planDoc, notesDoc, detail, kind, version, rooms.ready])
}

export function ReportScreen() {
  const { t } = useTranslation()
  const { caseId = '', kind = '' } = useParams()
  const validKind: ReportKind = isReportKind(kind) ? kind : 'final'
  const rooms = useReportRooms(caseId)
  const input = useReportInput(rooms, validKind)
  const report = useMemo(() => (input ? buildReport(validKind, input) : null), [input, validKind])
  if (!isReportKind(kind)) {
    return <p>{t('notFound')}</p>
  }
  return (
    <CoachOnlyGate rooms={rooms}>
      {(_plan, notes) => (report ? <ReportPage report={report} rooms={rooms} notes={notes} caseId={caseId} /> : <p role="status">{t('report.loading')}</p>)}
    </CoachOnlyGate>
  )
}

/**
 * Swiss flow only (issue 19): whether the funder asks for an assessment of
 * Vermittlungsfähigkeit; only then the report has that part. German reports
 * never show this choice (report/templates.ts).
 */
function EmployabilityRequest({ notes, writable, requested }: { notes: Y.Doc; writable: boolean; requested: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="notice no-print" data-testid="report.employability-request">
      <label className="checkbox">
        <input type="checkbox" checked={requested} disabled={!writable} onChange={(event) => setEmployabilityRequested(notes, event.target.checked)} data-testid="report.employability-requested" />{' '}
        {t('report.employabilityRequested')}
      </label>
      <p className="meta">{t('report.employabilityHelp')}</p>
    </div>
  )
}

function ReportPage({ report, rooms, notes, caseId }: { report: Report; rooms: ReportRooms; notes: Y.Doc; caseId: string }) {
  const { t, i18n } = useTranslation()
  const user = useUser()
  const caretUser = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.id, user.name])
  const provider = rooms.notes.room?.provider
  const writable = rooms.notes.snapshot?.writable ?? false
  const lang = i18n.language
  const other: ReportKind = report.kind === 'final' ? 'interim' : 'final'
  const caseLink = `/cases/${encodeURIComponent(caseId)}`
  const due = report.kind === 'interim' && report.frame.startDate ? interimReportDue({ startDate: report.frame.startDate, expectedEndDate: report.frame.expectedEndDate }, report.generatedOn, interimScheduleOf(notes), lastInterimReportDate(notes)) : null

  const made = (): void => {
    if (report.kind === 'interim' && writable) {
      recordInterimReport(notes, report.generatedOn)
    }
  }
  const print = (): void => {
    made()
    window.print()
  }
  const download = (): void => {
    made()
    downloadText(reportToMarkdown(report, lang), reportFileName(report, lang))
  }

  return (
    <div className="stack report" data-testid="report.page" data-kind={report.kind}>
      <div className="no-print">
        <Link to={caseLink} className="back-link">
          ← {t('report.back')}
        </Link>
      </div>
      <div className="report-actions" role="group" aria-label={t(`report.kind.${report.kind}`)}>
        <button type="button" className="primary" onClick={print} data-testid="report.print">
          {t('report.print')}
        </button>
        <button type="button" onClick={download} data-testid="report.markdown">
          {t('report.markdown')}
        </button>
        <Link to={`${caseLink}/report/${other}`} data-testid={`report.switch.${other}`}>
          {t(`report.switchTo.${other}`)}
        </Link>
        <Link to={`${caseLink}/read`} data-testid="report.reading-link">
          {t('report.readingView')}
        </Link>
        <span className="meta">{t('report.printHint')}</span>
      </div>
      {rooms.fromCache ? (
        <p className="notice no-print" role="status">
          {t('report.offlineCopy')}
        </p>
      ) : null}
      {due ? (
        <p className={`notice no-print${due.due ? ' warn' : ''}`} role="status" data-testid="report.interim-due" data-due={String(due.due)}>
          {t(due.due ? 'report.interimOverdue' : 'report.interimDue', { date: formatDate(due.dueDate, lang) })}
        </p>
      ) : null}
      {report.kind === 'interim' ? <InterimScheduleForm notes={notes} writable={writable} /> : null}
      {report.template.flow === 'ch' ? <EmployabilityRequest notes={notes} writable={writable} requested={report.template.employabilityRequested} /> : null}
      <GapsNotice gaps={report.gaps} />
      <article className="report-doc">
        <header>
          <h1 data-testid="report.title">
            {t(`report.kind.${report.kind}`)}: {report.title}
          </h1>
          <p className="meta">
            {report.caseType ? `${t(`report.caseType.${report.caseType}`)} · ` : ''}
            {t('report.generatedOn', { date: formatDate(report.generatedOn, lang) })}
          </p>
        </header>
        <FrameSection report={report} showPhase={report.kind === 'interim'} />
        <GoalsSection report={report} />
        <section aria-labelledby="report-phases-h" className="report-section">
          <h2 id="report-phases-h">{t('report.phasesHeading')}</h2>
          {report.phases.map((phase) => (
            <div key={phase.phase} className="report-section-phase" data-testid={`report.phase.${phase.phase}`}>
              <h3>{t(`phases.${phase.phase}`)}</h3>
              <RichBlocks blocks={phase.blocks} empty={t('report.noNotes')} />
            </div>
          ))}
        </section>
        <MeetingsSection report={report} />
        <section aria-labelledby="report-hours-h" className="report-section">
          <h2 id="report-hours-h">{t('report.hours')}</h2>
          <HoursSummary hours={report.hours} />
        </section>
        {report.kind === 'final' ? <OutcomeSection report={report} /> : null}
        {report.parts.map((part) => {
          const headingId = `report-part-${part.name}-h`
          const hideInPrint = part.name === 'reasonsIfNotSecured' && report.secured === true && part.text.trim() === ''
          return (
            <section key={part.name} aria-labelledby={headingId} className={`report-section report-part${hideInPrint ? ' no-print' : ''}`} data-part={part.name}>
              <h2 id={headingId}>{t(`report.parts.${part.name}`)}</h2>
              <p className="meta">{t(`report.partHelp.${part.name}`)}</p>
              {provider ? (
                <RichTextEditor
                  fragment={reportPartFragment(notes, report.kind, part.name)}
                  provider={provider}
                  user={caretUser}
                  editable={writable}
                  labelledBy={headingId}
                  label={t(`report.parts.${part.name}`)}
                  testId={`report.part.${part.name}`}
                />
              ) : null}
            </section>
          )
        })}
      </article>
    </div>
  )
}
