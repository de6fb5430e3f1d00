/**
 * The readable form of a data export (GDPR Art. 15): one self-contained,
 * printable HTML page (the browser prints it to PDF) with the same content as
 * the JSON, the German note on its limits (Art. 15(4)) at the top. Labels,
 * not keys: roles, fields, statuses, meeting kinds and change-log sentences
 * in the app's words, times in the reader's zone (issue 16). Every text is
 * escaped; the page loads nothing.
 */
import type { CaseExport } from '../../../shared/src/api/caseExport.js'
import { GoalStatuses } from '../../../shared/src/caseDocument/plan.js'
import type { ExportWriter } from './exportFormat.js'
import { renderProfileHtml } from './renderProfileHtml.js'
import { accompanimentSection } from './renderAccompaniment.js'
import { jobSearchSection } from './renderJobSearch.js'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Plain text with paragraphs as <p> and line breaks kept. */
function paragraphs(text: string, empty: string): string {
  if (text.trim() === '') {
    return `<p class="empty">${escapeHtml(empty)}</p>`
  }
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('')
}

function list(items: string[], none: string): string {
  return items.length === 0 ? `<p class="empty">${escapeHtml(none)}</p>` : `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`
}

/** The funding section (issue 18): body, file number, referring body, approval records; no rates. */
function fundingSection(funding: CaseExport['funding'], w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  const facts = [
    funding.fundingBodyName !== null ? `<dt>${e(t('export.fundingBody'))}</dt><dd>${e(funding.fundingBodyName)}${funding.fundingBodyKind !== null ? ` (${e(t(`fundingWords.kind.${funding.fundingBodyKind}`))})` : ''}</dd>` : '',
    funding.fileNumber !== '' ? `<dt>${e(t('export.fileNumber'))}</dt><dd>${e(funding.fileNumber)}</dd>` : '',
    funding.referringBody !== '' ? `<dt>${e(t('export.referringBody'))}</dt><dd>${e(funding.referringBody)}</dd>` : '',
  ].join('')
  const approvals = funding.approvals.map((approval) => {
    const kind = t(`fundingWords.approvalKind.${approval.correction ? 'correction' : approval.kind}`)
    const line = e(t('export.approvalLine', { kind, from: w.day(approval.validFrom), until: w.day(approval.validUntil), hours: w.number(approval.hours) }))
    return `${line}${approval.reference !== '' ? ` — ${e(approval.reference)}` : ''}${approval.corrected ? ` ${e(t('export.correctedLater'))}` : ''}`
  })
  return `${facts !== '' ? `<dl>${facts}</dl>` : ''}${list(approvals, t('export.none'))}`
}

/** The request the case came from (issue 19): who asked (the kind), referring body, first contact, reason, rough goals, consent. */
function requestSection(request: CaseExport['request'], w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  if (request === null || request === undefined) {
    return `<p class="empty">${e(t('export.none'))}</p>`
  }
  const row = (key: string, value: string): string => (value === '' ? '' : `<dt>${e(t(`export.${key}`))}</dt><dd>${e(value)}</dd>`)
  return `<dl>${[
    row('requester', t(`requestWords.requesterKind.${request.requesterKind}`)),
    row('referringBody', request.referringBody),
    row('firstContact', w.day(request.firstContactOn)),
    row('requestReason', request.reason),
    row('roughGoals', request.roughGoals.map((goal) => t(`requestWords.roughGoal.${goal}`)).join(', ')),
    row('cooperationConsent', request.consentOn === null ? '' : w.day(request.consentOn)),
  ].join('')}</dl>`
}

/** The page of an export, written for its reader (exportFormat.ts: words, time zone, numbers). */
export function renderExportHtml(data: CaseExport, w: ExportWriter): string {
  const { t } = w
  const e = escapeHtml
  const h = (key: string, values?: Record<string, string | number>): string => e(t(`export.${key}`, values))
  const none = t('export.none')
  const empty = t('report.empty')
  const role = (value: string): string => t(`roles.${value}`)
  const names = new Map<string, string>([[data.subject.memberId, data.subject.name], [data.subject.userId, data.subject.name]])
  for (const grant of data.consents) {
    names.set(grant.memberId, grant.memberName)
  }
  const goals = data.plan.goals.map((goal, index) => {
    const status = goal.status !== undefined && (GoalStatuses as readonly string[]).includes(goal.status) ? ` (${e(t(`goal.statuses.${goal.status}`))})` : ''
    const fields = (['specific', 'measurable', 'achievable', 'relevant', 'responsible'] as const)
      .filter((field) => (goal[field] ?? '') !== '')
      .map((field) => `<dt>${e(t(`goal.${field}`))}</dt><dd>${e(goal[field] ?? '')}</dd>`)
    if (goal.timeBound !== undefined && goal.timeBound !== '') {
      fields.push(`<dt>${e(t('goal.timeBound'))}</dt><dd>${e(w.day(goal.timeBound))}</dd>`)
    }
    return `<strong>${e(t('report.goal', { number: index + 1 }))}: ${e(goal.title ?? '')}</strong>${status}${fields.length > 0 ? `<dl>${fields.join('')}</dl>` : ''}`
  })
  const meta = data.plan.meta
  const frame = [
    meta.startDate !== undefined ? `<dt>${e(t('report.startDate'))}</dt><dd>${e(w.day(String(meta.startDate)))}</dd>` : '',
    meta.expectedEndDate !== undefined ? `<dt>${e(t('report.expectedEndDate'))}</dt><dd>${e(w.day(String(meta.expectedEndDate)))}</dd>` : '',
    typeof meta.hoursBudget === 'number' ? `<dt>${e(t('report.hoursBudget'))}</dt><dd>${e(t('report.hoursUnit', { hours: w.number(meta.hoursBudget) }))}</dd>` : '',
  ].join('')
  const confidential = data.confidentialFields.map(
    (field) =>
      `<section><h3>${e(t(`confidential.${field.field}`))}${field.healthData ? ` <small>(${h('healthData')})</small>` : ''}</h3>${paragraphs(field.text, empty)}</section>`,
  )
  const consents = data.consents.map((grant) =>
    h('consentLine', {
      field: t(`confidential.${grant.field}`),
      name: grant.memberName,
      role: role(grant.memberRole),
      purpose: grant.purpose,
      date: w.dateTime(grant.grantedAt),
      state: grant.active ? t('consentState.active') : grant.endedBy === 'revoked' ? t('consentState.revoked', { date: grant.revokedAt !== null ? w.dateTime(grant.revokedAt) : '' }) : t('consentState.lapsed'),
    }),
  )
  const releases = data.releases.map((release) =>
    h('releaseLine', {
      releasor:
        release.onBehalfOfName !== null
          ? t('export.releaseFor', { name: release.releasorName, role: t('roles.guardian'), coachee: release.onBehalfOfName })
          : release.releasorName,
      released: release.releasedParty,
      recipient: release.recipientName,
      purpose: release.purpose,
      from: w.day(release.validFrom),
      until: release.validUntil !== null ? t('export.releaseUntil', { date: w.day(release.validUntil) }) : '',
      state: release.active ? t('consentState.active') : release.endedBy === 'revoked' ? t('consentState.revoked', { date: release.revokedAt !== null ? w.dateTime(release.revokedAt) : '' }) : t('consentState.lapsed'),
    }),
  )
  const phases = Object.entries(data.notes.phases).map(([phase, text]) => `<section><h3>${e(t(`phases.${phase}`))}</h3>${paragraphs(text, empty)}</section>`)
  const meetings = data.notes.meetings.map(
    (meeting) => `<strong>${e(w.day(meeting.date))} — ${e(t(`report.meetingKind.${meeting.kind}`))}</strong>${meeting.participants !== '' ? `<br>${e(meeting.participants)}` : ''}${paragraphs(meeting.outcome, empty)}`,
  )
  const hours = data.notes.hours.map(
    (entry) =>
      `${e(w.day(entry.date))}: ${e(t('report.hoursUnit', { hours: w.number(entry.hours) }))} — ${e(entry.activity)} (${e(entry.coachName)}${entry.phase !== null ? `, ${e(t(`phases.${entry.phase}`))}` : ''}${
        entry.category ? `, ${e(t(`fundingWords.hoursCategory.${entry.category}`))}` : ''
      }${entry.place ? `, ${e(entry.place)}` : ''})`,
  )
  const limits = data.limitations
  const reports = Object.entries(data.notes.reports).map(([name, text]) => {
    const [, kind = '', part = ''] = name.split(':')
    return `<section><h3>${e(t(`report.kind.${kind}`))}: ${e(t(`report.parts.${part}`))}</h3>${paragraphs(text, empty)}</section>`
  })
  const audit = data.auditEvents.map((event) => `<time datetime="${e(event.at)}">${e(w.dateTime(event.at))}</time>: ${e(w.sentence(event, (id) => names.get(id)))}`)
  return `<!doctype html>
<html lang="${w.language}">
<head>
<meta charset="utf-8">
<title>${h('title')} — ${e(data.subject.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; } h3 { font-size: 1.05rem; }
  .empty { color: #555; font-style: italic; }
  .limitations { border: 1px solid #999; padding: 0 1rem; margin: 1rem 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
  li + li { margin-top: 0.4rem; }
  @page { size: A4; margin: 18mm; }
  @media print { body { margin: 0; max-width: none; } section, li { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${h('title')}</h1>
<p>${h('intro')}</p>
<section class="limitations">
<h2>${h('limitations')}</h2>
<p lang="de">${e(limits.notice)}</p>
<dl>
  <dt>${h('withheldComments')}</dt><dd>${h('comments', { threads: w.number(limits.withheldCommentThreads), replies: w.number(limits.withheldCommentReplies) })}</dd>
  <dt>${h('replacedNames')}</dt><dd>${e(w.number(limits.replacedNames))}</dd>
</dl>
</section>
<dl>
  <dt>${h('person')}</dt><dd>${e(data.subject.name)} &lt;${e(data.subject.email)}&gt; (${e(role(data.subject.role))})</dd>
  <dt>${h('case')}</dt><dd>${e(data.case.title)}</dd>
  <dt>${h('caseType')}</dt><dd>${e(t(`cases.type.${data.case.type}`))}</dd>
  <dt>${h('exportedAt')}</dt><dd>${e(w.dateTime(data.exportedAt))}</dd>
  <dt>${h('exportedBy')}</dt><dd>${e(data.exportedBy.name)} (${e(role(data.exportedBy.role))})</dd>
  ${data.case.closedAt !== null ? `<dt>${h('closedAt')}</dt><dd>${e(w.dateTime(data.case.closedAt))}</dd>` : ''}
  ${data.case.erasesAt !== null ? `<dt>${h('erasesAt')}</dt><dd>${e(w.day(data.case.erasesAt))}</dd>` : ''}
</dl>
<p class="empty">${h('timeZone', { zone: w.timeZone })}</p>
<h2>${h('members')}</h2>
${list(data.members.map((member) => `${e(member.name)} (${e(role(member.role))})`), none)}
<h2>${h('plan')}</h2>
${frame !== '' ? `<h3>${e(t('report.frame'))}</h3><dl>${frame}</dl>` : ''}
<h3>${e(t('report.goals'))}</h3>
${list(goals, t('report.noGoals'))}
<h3>${e(t('report.approach'))}</h3>
${paragraphs(data.plan.approach, empty)}
<h3>${e(t('report.participants'))}</h3>
${list(data.plan.participants.map((p) => [p.name, p.role, p.organisation].filter((part) => part !== undefined && part !== '').map((part) => e(part ?? '')).join(' — ')), none)}
<h2>${h('profile')}</h2>
${renderProfileHtml(data.profile, w)}
<h2>${h('confidential')}</h2>
${confidential.join('')}
<h2>${h('consents')}</h2>
${list(consents, none)}
<h2>${h('releases')}</h2>
${list(releases, none)}
<h2>${h('request')}</h2>
${requestSection(data.request, w)}
<h2>${h('funding')}</h2>
${fundingSection(data.funding, w)}
<h2>${h('agreements')}</h2>
${list(data.agreements.map((agreement) => `${e(agreement.userName)}: ${e(w.dateTime(agreement.at))}`), none)}
<h2>${e(t('jobSearchWords.headings.section'))}</h2>
${jobSearchSection(data.jobSearch, w)}
<h2>${h('hoursConfirmations')}</h2>
${list(
  (data.hoursConfirmations ?? []).map((confirmation) =>
    h('hoursConfirmationLine', {
      month: `${confirmation.month.slice(5)}/${confirmation.month.slice(0, 4)}`,
      name: confirmation.name,
      role: role(confirmation.role),
      date: w.dateTime(confirmation.confirmedAt),
      hash: confirmation.entriesHash,
    }),
  ),
  none,
)}
<h2>${h('attachments')}</h2>
${list(
  (data.attachments ?? []).map((file) =>
    h('attachmentLine', {
      name: file.name,
      category: t(`audit.attachmentCategory.${file.category}`),
      size: w.number(Math.ceil(file.sizeBytes / 1024)),
      date: w.dateTime(file.uploadedAt),
      by: file.uploadedByName,
    }),
  ),
  none,
)}
<h2>${h('notes')}</h2>
${phases.join('')}
<h3>${h('feasibility')}</h3>
${list((data.notes.feasibility ?? []).map((check) => `<strong>${e(w.day(check.date))} — ${e(t(`requestWords.feasibility.${check.answer}`))}</strong>${paragraphs(check.reasons, empty)}`), none)}
<h3>${e(t('report.meetings'))}</h3>
${list(meetings, t('report.noMeetings'))}
${accompanimentSection(data.notes.accompaniment, w)}
<h3>${e(t('report.hours'))}</h3>
${list(hours, none)}
<h3>${h('reports')}</h3>
${reports.length > 0 ? reports.join('') : `<p class="empty">${e(none)}</p>`}
<h2>${h('audit')}</h2>
${list(audit, none)}
</body>
</html>
`
}
