/**
 * The mails' texts, German first (English where an account asks for it).
 * Contract §8.5: a mail never carries case content, a coachee's name or a
 * diagnosis — only that something in Fallbuch waits, counts, and a link.
 * Every function here takes only links and numbers, so no caller can slip
 * content in.
 */

/** Languages of the mail texts. */
export type MailLanguage = 'de' | 'en'

/** A mail's subject and plain-text body. */
export interface MailContent {
  subject: string
  text: string
}

import type { Reminder } from '../../../shared/src/pool/keepingQualified.js'

const signature = { de: '\n\n-- \nFallbuch', en: '\n\n-- \nFallbuch' } as const

/** The invitation mail: a link (valid `days` days) and nothing about the case. */
export function invitationMail(link: string, days: number, lang: MailLanguage = 'de'): MailContent {
  return lang === 'en'
    ? {
        subject: 'You are invited to Fallbuch',
        text: `Hello,\n\nyou have been invited to work together in Fallbuch. Open this link to accept (valid for ${days} days, once):\n\n${link}\n\nIf you did not expect this invitation, ignore this mail.${signature.en}`,
      }
    : {
        subject: 'Einladung zu Fallbuch',
        text: `Guten Tag,\n\nSie wurden eingeladen, in Fallbuch mitzuarbeiten. Öffnen Sie diesen Link, um die Einladung anzunehmen (${days} Tage gültig, einmal verwendbar):\n\n${link}\n\nWenn Sie keine Einladung erwartet haben, ignorieren Sie diese Mail.${signature.de}`,
      }
}

/** The pool invitation mail (issue 20): the coordination office's invitation to apply, a link (valid `days` days) and no names. */
export function poolInvitationMail(link: string, days: number, lang: MailLanguage = 'de'): MailContent {
  return lang === 'en'
    ? {
        subject: 'Invitation to apply to the job coach pool',
        text: `Hello,\n\nthe coordination office of the job coach pool invites you to apply as a freelance job coach. With this link you create your own Fallbuch account and fill in your application (valid for ${days} days, once):\n\n${link}\n\nIf you did not expect this invitation, ignore this mail.${signature.en}`,
      }
    : {
        subject: 'Einladung zur Bewerbung für den Jobcoach-Pool',
        text: `Guten Tag,\n\ndie Koordinierungsstelle des Jobcoach-Pools lädt Sie ein, sich als freiberuflicher Jobcoach zu bewerben. Mit diesem Link legen Sie Ihr eigenes Fallbuch-Konto an und füllen Ihre Bewerbung aus (${days} Tage gültig, einmal verwendbar):\n\n${link}\n\nWenn Sie keine Einladung erwartet haben, ignorieren Sie diese Mail.${signature.de}`,
      }
}

/** The password-reset mail: a link valid for `minutes` minutes. */
export function passwordResetMail(link: string, minutes: number, lang: MailLanguage = 'de'): MailContent {
  return lang === 'en'
    ? {
        subject: 'Reset your Fallbuch password',
        text: `Hello,\n\nsomeone asked to reset the password of your Fallbuch account. Set a new one with this link (valid for ${minutes} minutes, once):\n\n${link}\n\nIf that was not you, ignore this mail; your password stays as it is.${signature.en}`,
      }
    : {
        subject: 'Fallbuch: Passwort zurücksetzen',
        text: `Guten Tag,\n\njemand hat darum gebeten, das Passwort Ihres Fallbuch-Kontos zurückzusetzen. Mit diesem Link vergeben Sie ein neues (${minutes} Minuten gültig, einmal verwendbar):\n\n${link}\n\nWaren Sie das nicht, ignorieren Sie diese Mail; Ihr Passwort bleibt unverändert.${signature.de}`,
      }
}

/** What a digest counts, over the recipient's cases. */
export interface DigestCounts {
  /** Evaluation meetings due (midterm, final within its last weeks). */
  meetingsDue: number
  /** Final meetings past the expected end. */
  meetingsOverdue: number
  /** Interim reports due. */
  reportsDue: number
  /** Consent grants ending soon. */
  consentsEnding: number
  /** Issue 19: open crisis follow-ups due (absent: none). */
  followUpsDue?: number | undefined
  /** A team lead's counts over the team's cases (issue 22); absent for a coach. */
  team?: TeamDigestCounts | undefined
  /** Issue 20: a pool member's keeping-qualified reminders (their own, about no case); absent or empty: none. */
  poolReminders?: readonly Reminder[] | undefined
}

/** The pool reminders' lines: the rule they are about, never a case. */
const poolReminderLines: Record<MailLanguage, Record<Reminder, string>> = {
  de: {
    supervisionBehind: 'Fallsupervision: Sie hatten in diesem Jahr weniger Sitzungen als Quartale vergangen sind (vier im Jahr sind nötig) – bitte nachholen.',
    supervisionDueThisQuarter: 'Fallsupervision: In diesem Quartal fehlt noch eine Sitzung (vier im Jahr sind nötig).',
    supervisionShort: 'Fallsupervision: Im vergangenen Jahr fehlten Sitzungen.',
    trainingDue: 'Fortbildung: Die Fortbildung dieses Kalenderjahres steht noch aus.',
    trainingMissed: 'Fortbildung: Im vergangenen Jahr fehlte die Fortbildung.',
    transitionalRuleEnded: 'Gruppe 3: Die Übergangsregelung ist beendet – bitte mit der Koordinierungsstelle die Neueinstufung klären.',
  },
  en: {
    supervisionBehind: 'Case supervision: you had fewer sessions this year than quarters have passed (four a year are required) – please catch up.',
    supervisionDueThisQuarter: "Case supervision: this quarter's session is still missing (four a year are required).",
    supervisionShort: 'Case supervision: sessions were missing last year.',
    trainingDue: "Further training: this calendar year's training is still to do.",
    trainingMissed: 'Further training: last year the training was missing.',
    transitionalRuleEnded: 'Group 3: the transitional rule has ended – please arrange a new classification with the coordination office.',
  },
}

/** The pool part of a member's digest, or '' (the rules only, a link to the pool page). */
function poolLines(reminders: readonly Reminder[] | undefined, link: string, lang: MailLanguage): string {
  if (!reminders || reminders.length === 0) {
    return ''
  }
  const heading = lang === 'en' ? 'Job coach pool – keeping qualified:' : 'Jobcoach-Pool – Qualifikation erhalten:'
  const open = lang === 'en' ? 'Record it in the pool' : 'Im Pool eintragen'
  return `\n\n${heading}\n\n${reminders.map((reminder) => `- ${poolReminderLines[lang][reminder]}`).join('\n')}\n\n${open}: ${link}`
}

/** What a lead's digest counts over the team: cases, never which ones. */
export interface TeamDigestCounts {
  /** Cases with an overdue meeting or interim report. */
  casesOverdue: number
  /** Cases whose approved period ends soon (or ended while open). */
  approvalsEnding: number
  /** Cases with a consent ending soon. */
  consentsEnding: number
}

/** The team part of a lead's digest, or '' (counts only, a link to the overview). */
function teamLines(team: TeamDigestCounts | undefined, link: string, lang: MailLanguage): string {
  if (!team || team.casesOverdue + team.approvalsEnding + team.consentsEnding === 0) {
    return ''
  }
  const lines =
    lang === 'en'
      ? [
          line(team.casesOverdue, 'case with something overdue', 'cases with something overdue'),
          line(team.approvalsEnding, 'case whose approval ends soon', 'cases whose approval ends soon'),
          line(team.consentsEnding, 'case with a consent ending soon', 'cases with a consent ending soon'),
        ]
      : [
          line(team.casesOverdue, 'Fall mit Überfälligem', 'Fälle mit Überfälligem'),
          line(team.approvalsEnding, 'Fall, dessen Bewilligung bald endet', 'Fälle, deren Bewilligung bald endet'),
          line(team.consentsEnding, 'Fall mit bald endender Einwilligung', 'Fälle mit bald endender Einwilligung'),
        ]
  const heading = lang === 'en' ? 'In your team:' : 'In Ihrem Team:'
  const open = lang === 'en' ? 'Team overview' : 'Teamübersicht'
  return `\n\n${heading}\n\n${lines.filter((text) => text !== null).join('\n')}\n\n${open}: ${link}`
}

function line(count: number, one: string, many: string): string | null {
  return count === 0 ? null : `- ${count} ${count === 1 ? one : many}`
}

/** The daily digest: counts only, a link into Fallbuch and one to switch it off. */
export function digestMail(counts: DigestCounts, links: { app: string; settings: string; team?: string; pool?: string }, lang: MailLanguage = 'de'): MailContent {
  const teamText = teamLines(counts.team, links.team ?? links.app, lang)
  const poolText = poolLines(counts.poolReminders, links.pool ?? links.app, lang)
  const team = teamText + poolText
  const caseCounts = counts.meetingsDue + counts.meetingsOverdue + counts.reportsDue + counts.consentsEnding + (counts.followUpsDue ?? 0)
  // A digest with only pool reminders says nothing about cases.
  const poolOnly = caseCounts === 0 && teamText === '' && poolText !== ''
  if (lang === 'en') {
    const lines = [
      line(counts.meetingsOverdue, 'meeting overdue', 'meetings overdue'),
      line(counts.meetingsDue, 'meeting due', 'meetings due'),
      line(counts.reportsDue, 'interim report due', 'interim reports due'),
      line(counts.consentsEnding, 'consent ending soon', 'consents ending soon'),
      line(counts.followUpsDue ?? 0, 'crisis follow-up due', 'crisis follow-ups due'),
    ].filter((text) => text !== null)
    const cases = poolOnly ? '' : `\n\nin your Fallbuch cases:\n\n${lines.length > 0 ? lines.join('\n') : '- nothing due'}`
    return {
      subject: 'Fallbuch: things are waiting for you',
      text: `Good morning,${cases}${team}\n\nOpen Fallbuch: ${links.app}\n\nYou get this mail once a day when something is due. Switch it off: ${links.settings}${signature.en}`,
    }
  }
  const lines = [
    line(counts.meetingsOverdue, 'Gespräch überfällig', 'Gespräche überfällig'),
    line(counts.meetingsDue, 'Gespräch fällig', 'Gespräche fällig'),
    line(counts.reportsDue, 'Zwischenbericht fällig', 'Zwischenberichte fällig'),
    line(counts.consentsEnding, 'Einwilligung endet bald', 'Einwilligungen enden bald'),
    line(counts.followUpsDue ?? 0, 'Nachbereitung aus dem Krisenprotokoll fällig', 'Nachbereitungen aus dem Krisenprotokoll fällig'),
  ].filter((text) => text !== null)
  const cases = poolOnly ? '' : `\n\nin Ihren Fällen in Fallbuch:\n\n${lines.length > 0 ? lines.join('\n') : '- nichts fällig'}`
  return {
    subject: 'Fallbuch: Es wartet etwas auf Sie',
    text: `Guten Morgen,${cases}${team}\n\nFallbuch öffnen: ${links.app}\n\nDiese Mail kommt einmal am Tag, wenn etwas fällig ist. Abschalten: ${links.settings}${signature.de}`,
  }
}
