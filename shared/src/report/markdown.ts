/** The Markdown export of a report (Als Markdown herunterladen). */
import { escapeMarkdown } from '../richText/inline.js'
import { blocksToMarkdown } from '../richText/markdown.js'
import type { Report, ReportSection } from './buildReport.js'
import { fillLabel, GoalSmartFieldOrder, reportLabels, type ReportLabels } from './labels.js'

/** The Intl locale of a report language: British English, Swiss or German German. */
function reportLocale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : language === 'de-CH' ? 'de-CH' : 'de-DE'
}

/** A calendar date as the language writes it (UTC, no time zone shifts). */
export function formatReportDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`)
  if (Number.isNaN(date.getTime())) {
    return isoDate
  }
  return new Intl.DateTimeFormat(reportLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date)
}

export function formatHours(hours: number, language: string): string {
  return new Intl.NumberFormat(reportLocale(language), { maximumFractionDigits: 2 }).format(hours)
}

function body(section: ReportSection, labels: ReportLabels, fallback = labels.empty): string {
  const markdown = blocksToMarkdown(section.blocks, 4)
  return markdown.trim() === '' ? `*${fallback}*` : markdown
}

function cell(text: string): string {
  return escapeMarkdown(text).replace(/\n/g, ' ')
}

/** Renders a report as Markdown (CommonMark with GFM tables). */
export function reportToMarkdown(report: Report, language: string): string {
  const l = reportLabels(language)
  const date = (iso: string): string => formatReportDate(iso, language)
  const hours = (value: number): string => fillLabel(l.hoursUnit, { hours: formatHours(value, language) })
  const out: string[] = []
  out.push(`# ${l.kind[report.kind]}: ${escapeMarkdown(report.title)}`)
  const subtitle = [report.caseType ? l.caseType[report.caseType] : null, fillLabel(l.generatedOn, { date: date(report.generatedOn) })].filter(Boolean)
  out.push(subtitle.join(' · '))

  out.push(`## ${l.frame}`)
  const frame: string[] = []
  if (report.frame.employerName) {
    frame.push(`- ${l.employer}: ${escapeMarkdown(report.frame.employerName)}`)
  }
  if (report.frame.workplace) {
    frame.push(`- ${l.workplace}: ${escapeMarkdown(report.frame.workplace)}`)
  }
  frame.push(`- ${l.startDate}: ${report.frame.startDate ? date(report.frame.startDate) : l.empty}`)
  frame.push(`- ${l.expectedEndDate}: ${report.frame.expectedEndDate ? date(report.frame.expectedEndDate) : l.empty}`)
  frame.push(`- ${l.hoursBudget}: ${report.frame.hoursBudget !== undefined ? hours(report.frame.hoursBudget) : l.empty}`)
  if (report.kind === 'interim' && report.frame.currentPhase) {
    frame.push(`- ${l.currentPhase}: ${l.phases[report.frame.currentPhase]}`)
  }
  out.push(frame.join('\n'))
  if (report.participants.length > 0) {
    out.push(`### ${l.participants}`)
    out.push(
      report.participants
        .map((p) => `- ${escapeMarkdown(p.name)}${p.role ? ` (${escapeMarkdown(p.role)})` : ''}${p.organisation ? `, ${escapeMarkdown(p.organisation)}` : ''}`)
        .join('\n'),
    )
  }
  if (report.approach.text.trim() !== '') {
    out.push(`### ${l.approach}`)
    out.push(body(report.approach, l))
  }

  out.push(`## ${l.goals}`)
  if (report.goals.length === 0) {
    out.push(`*${l.noGoals}*`)
  } else {
    out.push(`| # | ${l.goalFields.title} | ${l.planStatus} | ${l.attainment} |\n| --- | --- | --- | --- |`)
    out[out.length - 1] += `\n${report.goals
      .map((goal) => `| ${goal.number} | ${cell(goal.title || l.empty)} | ${l.goalStatus[goal.status]} | ${l.goalStatus[goal.attainment]} |`)
      .join('\n')}`
    for (const goal of report.goals) {
      out.push(`### ${fillLabel(l.goal, { number: goal.number })}: ${escapeMarkdown(goal.title || l.empty)}`)
      const fields: string[] = []
      for (const key of GoalSmartFieldOrder) {
        if (goal[key].trim() !== '') {
          fields.push(`- ${l.goalFields[key]}: ${escapeMarkdown(goal[key])}`)
        }
      }
      if (goal.timeBound) {
        fields.push(`- ${l.goalFields.timeBound}: ${date(goal.timeBound)}`)
      }
      fields.push(`- ${l.attainment}: **${l.goalStatus[goal.attainment]}**`)
      if (goal.reviews.length === 0) {
        fields.push(`- ${l.review}: ${l.notReviewed}`)
      }
      for (const review of goal.reviews) {
        const note = review.note.trim() === '' ? '' : ` — ${escapeMarkdown(review.note.replace(/\n/g, ' '))}`
        fields.push(
          `- ${l.review} ${l.phases[review.phase]}: ${l.goalStatus[review.attainment]}, ${review.stillValid ? l.stillValid : l.notValidAnymore}${note}`,
        )
      }
      out.push(fields.join('\n'))
    }
  }

  out.push(`## ${l.phasesHeading}`)
  for (const phase of report.phases) {
    out.push(`### ${l.phases[phase.phase]}`)
    out.push(body(phase, l, l.noNotes))
  }

  out.push(`## ${l.meetings}`)
  if (report.meetings.length === 0) {
    out.push(`*${l.noMeetings}*`)
  }
  for (const meeting of report.meetings) {
    out.push(`### ${l.meetingKind[meeting.kind]}, ${date(meeting.date)}`)
    if (meeting.participants.trim() !== '') {
      out.push(`${l.meetingParticipants}: ${escapeMarkdown(meeting.participants)}`)
    }
    out.push(body(meeting.outcome, l))
  }

  out.push(`## ${l.hours}`)
  const h = report.hours
  const summary = [`- ${l.hoursTotal}: ${hours(h.total)}${h.budget !== undefined ? ` / ${hours(h.budget)}` : ''}`]
  if (h.remaining !== undefined) {
    summary.push(h.remaining < 0 ? `- ${l.hoursOver}: ${hours(-h.remaining)}` : `- ${l.hoursRemaining}: ${hours(h.remaining)}`)
  }
  out.push(summary.join('\n'))
  if (h.byPhase.length > 0) {
    out.push(
      `| ${l.hoursByPhase} | ${l.hours} |\n| --- | ---: |\n${h.byPhase
        .map((row) => `| ${row.phase ? l.phases[row.phase] : l.noPhase} | ${formatHours(row.hours, language)} |`)
        .join('\n')}`,
    )
  }
  if (h.byCoach.length > 0) {
    out.push(
      `| ${l.hoursByCoach} | ${l.hours} |\n| --- | ---: |\n${h.byCoach.map((row) => `| ${cell(row.name)} | ${formatHours(row.hours, language)} |`).join('\n')}`,
    )
  }

  if (report.kind === 'final') {
    out.push(`## ${l.outcome}`)
    if (!report.outcome) {
      out.push(`*${l.noOutcome}*`)
    } else {
      const lines = [`**${l.outcomeKind[report.outcome.kind]}**`]
      if (report.outcome.how.trim() !== '') {
        lines.push(`${l.outcomeHow}: ${escapeMarkdown(report.outcome.how)}`)
      }
      if (report.outcome.why.trim() !== '') {
        lines.push(`${l.outcomeWhy}: ${escapeMarkdown(report.outcome.why)}`)
      }
      out.push(lines.join('\n\n'))
    }
  }

  for (const part of report.parts) {
    if (part.name === 'reasonsIfNotSecured' && report.secured === true && part.text.trim() === '') {
      continue
    }
    out.push(`## ${l.parts[part.name]}`)
    out.push(body(part, l))
  }
  return `${out.join('\n\n')}\n`
}

/** A file name for the export: kind, case title and date, safe on every OS. */
export function reportFileName(report: Report, language: string): string {
  const l = reportLabels(language)
  const title = report.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  const kind = l.kind[report.kind].replace(/[^A-Za-z0-9]+/g, '-')
  return `${kind}${title ? `-${title}` : ''}-${report.generatedOn}.md`
}
