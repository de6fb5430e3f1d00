import { describe, expect, it } from 'vitest'
import type { CaseDocSummary } from '../../../shared/src/process/caseSummary.js'
import { digestCounts, hasNews, teamDigestCounts, type DigestCaseInput } from './digest.js'
import { digestMail, invitationMail, passwordResetMail } from './mailTexts.js'

const today = '2026-06-15'

function summary(overrides: Partial<CaseDocSummary> = {}): CaseDocSummary {
  return { title: 'Kassenbereich Supermarkt', phase: 'intervention', hoursUsed: 0, meetings: [], notesRead: true, ...overrides }
}

function input(overrides: Partial<DigestCaseInput> = {}): DigestCaseInput {
  return { summary: summary(), interimDue: null, consentEndDates: [], ...overrides }
}

describe('digest counts', () => {
  it('counts due and overdue meetings, due interim reports and consents ending within 14 days', () => {
    const counts = digestCounts(
      [
        // Midterm due (middle passed), final within its last three weeks.
        input({ summary: summary({ startDate: '2026-01-01', expectedEndDate: '2026-07-01' }) }),
        // Past its end without a final meeting; a midterm meeting recorded.
        input({ summary: summary({ startDate: '2025-01-01', expectedEndDate: '2026-06-01', meetings: [{ kind: 'midterm', date: '2025-07-01' }] }) }),
        input({ interimDue: { dueDate: '2026-06-01', due: true, daysUntil: -14 } }),
        input({ interimDue: { dueDate: '2026-07-01', due: false, daysUntil: 16 } }),
        input({ consentEndDates: ['2026-06-15', '2026-06-29', '2026-06-30', '2026-06-14'] }),
      ],
      today,
    )
    expect(counts).toEqual({ meetingsDue: 2, meetingsOverdue: 1, reportsDue: 1, consentsEnding: 2 })
    expect(hasNews(counts)).toBe(true)
  })

  it('skips closed cases and unreadable documents, and has nothing to say without anything due', () => {
    const counts = digestCounts(
      [input({ summary: summary({ startDate: '2025-01-01', expectedEndDate: '2026-01-01', outcome: 'jobSecured' }) }), input({ summary: null })],
      today,
    )
    expect(counts).toEqual({ meetingsDue: 0, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0 })
    expect(hasNews(counts)).toBe(false)
  })
})

describe("a lead's team counts", () => {
  it('counts cases (not items) with something overdue, an approval ending or a consent ending, and says it in the mail without any case', () => {
    const team = teamDigestCounts(
      [
        input({ summary: summary({ title: 'Bäckerei Süd', startDate: '2025-06-01', expectedEndDate: '2026-06-01' }), interimDue: { dueDate: '2026-06-01', due: true, daysUntil: -14 } }),
        input({ summary: summary({ expectedEndDate: '2026-07-01' }), consentEndDates: ['2026-06-20', '2026-06-21'] }),
        input(),
      ],
      today,
    )
    expect(team).toEqual({ casesOverdue: 1, approvalsEnding: 2, consentsEnding: 1 })
    const counts = { meetingsDue: 0, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0, team }
    expect(hasNews(counts)).toBe(true)
    const mail = digestMail(counts, { app: 'https://fb.example/', settings: 'https://fb.example/settings', team: 'https://fb.example/team' })
    expect(mail.text).toContain('In Ihrem Team:\n\n- 1 Fall mit Überfälligem\n- 2 Fälle, deren Bewilligung bald endet\n- 1 Fall mit bald endender Einwilligung\n\nTeamübersicht: https://fb.example/team')
    expect(mail.text).not.toContain('Bäckerei')
  })
})

describe('mail texts', () => {
  it('the digest holds counts and links only, German by default, English on request', () => {
    const mail = digestMail({ meetingsDue: 2, meetingsOverdue: 0, reportsDue: 1, consentsEnding: 1 }, { app: 'https://fb.example/', settings: 'https://fb.example/settings' })
    expect(mail.subject).toBe('Fallbuch: Es wartet etwas auf Sie')
    expect(mail.text).toContain('- 2 Gespräche fällig\n- 1 Zwischenbericht fällig\n- 1 Einwilligung endet bald')
    expect(mail.text).not.toContain('überfällig')
    expect(mail.text).toContain('https://fb.example/settings')
    const english = digestMail({ meetingsDue: 1, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0 }, { app: 'a', settings: 's' }, 'en')
    expect(english.text).toContain('- 1 meeting due')
  })

  it('invitation and reset mails carry the link and its lifetime', () => {
    expect(invitationMail('https://fb.example/invitations/t', 7).text).toContain('https://fb.example/invitations/t')
    expect(invitationMail('l', 7).text).toContain('7 Tage gültig')
    expect(passwordResetMail('https://fb.example/password-reset?token=t', 60).text).toContain('60 Minuten gültig')
    expect(passwordResetMail('l', 60, 'en').subject).toBe('Reset your Fallbuch password')
  })

  it("a pool member's keeping-qualified reminders: the rule and a link to the pool, no cases when none are due", () => {
    const counts = { meetingsDue: 0, meetingsOverdue: 0, reportsDue: 0, consentsEnding: 0, poolReminders: ['supervisionDueThisQuarter', 'trainingDue'] as const }
    expect(hasNews(counts)).toBe(true)
    expect(hasNews({ ...counts, poolReminders: [] })).toBe(false)
    const links = { app: 'https://fb.example/', settings: 'https://fb.example/settings', pool: 'https://fb.example/pool' }
    const mail = digestMail(counts, links)
    expect(mail.text).toContain(
      'Jobcoach-Pool – Qualifikation erhalten:\n\n- Fallsupervision: In diesem Quartal fehlt noch eine Sitzung (vier im Jahr sind nötig).\n- Fortbildung: Die Fortbildung dieses Kalenderjahres steht noch aus.\n\nIm Pool eintragen: https://fb.example/pool',
    )
    expect(mail.text).not.toContain('in Ihren Fällen')
    const withCases = digestMail({ ...counts, meetingsDue: 1 }, links)
    expect(withCases.text).toContain('- 1 Gespräch fällig')
    expect(withCases.text).toContain('Jobcoach-Pool')
    const english = digestMail(counts, links, 'en')
    expect(english.text).toContain("- Case supervision: this quarter's session is still missing (four a year are required).")
    expect(english.text).toContain('Record it in the pool: https://fb.example/pool')
  })
})
