/**
 * The readable form of a data export (GDPR Art. 15): one self-contained,
 * printable HTML page (the browser prints it to PDF) with the same content as
 * the JSON, the German note on its limits (Art. 15(4)) at the top. Every text
 * is escaped; the page loads nothing.
 */
import type { CaseExport } from '../../../shared/src/api/caseExport.js'

type Language = 'de' | 'en'

const labels = {
  de: {
    title: 'Auskunft über gespeicherte Daten',
    intro: 'Die Daten, die Fallbuch in diesem Fall über Sie gespeichert hat (Art. 15 DSGVO), mit den hier genannten Einschränkungen. Die gleichen Daten stehen in der JSON-Datei.',
    person: 'Person',
    exportedAt: 'Erstellt am',
    exportedBy: 'Erstellt von',
    case: 'Fall',
    closedAt: 'Abgeschlossen am',
    erasesAt: 'Wird gelöscht am',
    members: 'Beteiligte',
    plan: 'Maßnahmeplanung',
    goals: 'Ziele',
    approach: 'Vorgehen',
    participants: 'Beteiligte laut Plan',
    confidential: 'Vertrauliche Angaben',
    healthData: 'Gesundheitsdaten',
    empty: '(leer)',
    consents: 'Einwilligungen',
    agreements: 'Zustimmungen zum Plan',
    notes: 'Notizen der Jobcoaches',
    meetings: 'Gespräche',
    hours: 'Stunden',
    limitations: 'Was diese Auskunft einschränkt (Art. 15 Abs. 4 DSGVO)',
    withheldComments: 'Interne Kommentare der Jobcoaches (nicht enthalten)',
    threads: 'Gesprächsfäden',
    replies: 'Antworten',
    replacedNames: 'Ersetzte Namen anderer Personen',
    reports: 'Berichte',
    audit: 'Protokoll (Ihre Zugriffe und Einwilligungen)',
    none: 'keine',
    active: 'gültig',
    revoked: 'widerrufen',
    lapsed: 'abgelaufen',
  },
  en: {
    title: 'Access to stored data',
    intro: 'The data Fallbuch holds about you in this case (GDPR Art. 15), with the limits stated here. The JSON file holds the same data.',
    person: 'Person',
    exportedAt: 'Created at',
    exportedBy: 'Created by',
    case: 'Case',
    closedAt: 'Closed on',
    erasesAt: 'Will be erased on',
    members: 'People in the case',
    plan: 'Measure plan',
    goals: 'Goals',
    approach: 'Approach',
    participants: 'Participants in the plan',
    confidential: 'Confidential fields',
    healthData: 'health data',
    empty: '(empty)',
    consents: 'Consents',
    agreements: 'Agreements to the plan',
    notes: "The coaches' notes",
    meetings: 'Meetings',
    hours: 'Hours',
    limitations: 'What this export limits (GDPR Art. 15(4))',
    withheldComments: "The coaches' internal comments (not included)",
    threads: 'threads',
    replies: 'replies',
    replacedNames: "Other people's names replaced",
    reports: 'Reports',
    audit: 'Log (your accesses and consents)',
    none: 'none',
    active: 'active',
    revoked: 'revoked',
    lapsed: 'lapsed',
  },
} as const

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

function date(iso: string | null | undefined, language: Language): string {
  if (iso === null || iso === undefined || iso === '') {
    return ''
  }
  const parsed = new Date(iso)
  if (Number.isNaN(parsed.getTime())) {
    return escapeHtml(iso)
  }
  const withTime = iso.includes('T')
  return escapeHtml(
    parsed.toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }),
  )
}

/** The HTML page of an export. */
export function renderExportHtml(data: CaseExport, language: Language): string {
  const l = labels[language]
  const e = escapeHtml
  const goals = data.plan.goals.map(
    (goal) =>
      `<strong>${e(goal.title ?? '')}</strong> (${e(goal.status ?? '')})<br>${e(
        [goal.specific, goal.measurable, goal.achievable, goal.relevant].filter((part) => part !== undefined && part !== '').join(' · '),
      )}${goal.timeBound !== undefined ? ` — ${date(goal.timeBound, language)}` : ''}`,
  )
  const confidential = data.confidentialFields.map(
    (field) =>
      `<section><h3>${e(field.field)}${field.healthData ? ` <small>(${e(l.healthData)})</small>` : ''}</h3>${paragraphs(field.text, l.empty)}</section>`,
  )
  const consents = data.consents.map(
    (grant) =>
      `${e(grant.field)} → ${e(grant.memberName)} (${e(grant.memberRole)}): ${e(grant.purpose)} — ${date(grant.grantedAt, language)}, ${e(
        grant.active ? l.active : grant.endedBy === 'revoked' ? `${l.revoked} ${date(grant.revokedAt, language)}` : l.lapsed,
      )}`,
  )
  const phases = Object.entries(data.notes.phases).map(([phase, text]) => `<section><h3>${e(phase)}</h3>${paragraphs(text, l.empty)}</section>`)
  const meetings = data.notes.meetings.map((meeting) => `${date(meeting.date, language)} (${e(meeting.kind)}) ${e(meeting.participants)}${paragraphs(meeting.outcome, l.empty)}`)
  const hours = data.notes.hours.map((entry) => `${date(entry.date, language)}: ${e(String(entry.hours))} h — ${e(entry.activity)} (${e(entry.coachName)})`)
  const limits = data.limitations
  const reports = Object.entries(data.notes.reports).map(([name, text]) => `<section><h3>${e(name)}</h3>${paragraphs(text, l.empty)}</section>`)
  const audit = data.auditEvents.map((event) => `${date(event.at, language)}: ${e(event.type)} ${e(JSON.stringify(event.details))}`)
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${e(l.title)} — ${e(data.subject.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; } h3 { font-size: 1.05rem; }
  .empty { color: #555; font-style: italic; }
  .limitations { border: 1px solid #999; padding: 0 1rem; margin: 1rem 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; }
  @page { size: A4; margin: 18mm; }
  @media print { body { margin: 0; max-width: none; } section, li { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${e(l.title)}</h1>
<p>${e(l.intro)}</p>
<section class="limitations">
<h2>${e(l.limitations)}</h2>
<p lang="de">${e(limits.notice)}</p>
<dl>
  <dt>${e(l.withheldComments)}</dt><dd>${e(`${limits.withheldCommentThreads} ${l.threads}, ${limits.withheldCommentReplies} ${l.replies}`)}</dd>
  <dt>${e(l.replacedNames)}</dt><dd>${e(String(limits.replacedNames))}</dd>
</dl>
</section>
<dl>
  <dt>${e(l.person)}</dt><dd>${e(data.subject.name)} &lt;${e(data.subject.email)}&gt; (${e(data.subject.role)})</dd>
  <dt>${e(l.case)}</dt><dd>${e(data.case.title)}</dd>
  <dt>${e(l.exportedAt)}</dt><dd>${date(data.exportedAt, language)}</dd>
  <dt>${e(l.exportedBy)}</dt><dd>${e(data.exportedBy.name)}</dd>
  ${data.case.closedAt !== null ? `<dt>${e(l.closedAt)}</dt><dd>${date(data.case.closedAt, language)}</dd>` : ''}
  ${data.case.erasesAt !== null ? `<dt>${e(l.erasesAt)}</dt><dd>${date(data.case.erasesAt, language)}</dd>` : ''}
</dl>
<h2>${e(l.members)}</h2>
${list(data.members.map((member) => `${e(member.name)} (${e(member.role)})`), l.none)}
<h2>${e(l.plan)}</h2>
<h3>${e(l.goals)}</h3>
${list(goals, l.none)}
<h3>${e(l.approach)}</h3>
${paragraphs(data.plan.approach, l.empty)}
<h3>${e(l.participants)}</h3>
${list(data.plan.participants.map((p) => `${e(p.name ?? '')} — ${e(p.role ?? '')}, ${e(p.organisation ?? '')}`), l.none)}
<h2>${e(l.confidential)}</h2>
${confidential.join('')}
<h2>${e(l.consents)}</h2>
${list(consents, l.none)}
<h2>${e(l.agreements)}</h2>
${list(data.agreements.map((agreement) => `${e(agreement.userName)}: ${date(agreement.at, language)}`), l.none)}
<h2>${e(l.notes)}</h2>
${phases.join('')}
<h3>${e(l.meetings)}</h3>
${list(meetings, l.none)}
<h3>${e(l.hours)}</h3>
${list(hours, l.none)}
<h3>${e(l.reports)}</h3>
${reports.length > 0 ? reports.join('') : `<p class="empty">${e(l.none)}</p>`}
<h2>${e(l.audit)}</h2>
${list(audit, l.none)}
</body>
</html>
`
}
