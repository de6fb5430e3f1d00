/**
 * The people around a case (issue 16): a plan participant is a member of
 * the case (picked from the members, `memberId`) or a named person outside
 * Fallbuch with one of these roles and a free-text function ("Schichtleitung",
 * "Reha-Beraterin"). Meetings pick their participants from this list.
 */
import * as Y from 'yjs'

/** A participant's role around the case. */
export const ParticipantRoles = [
  /** A member of the case in Fallbuch (coach, employer, coachee, guardian): the role comes from the membership. */
  'member',
  /** Schwerbehindertenvertretung (SBV). */
  'sbv',
  /** Betriebsrat / Personalrat. */
  'worksCouncil',
  /** A colleague or mentor at the workplace. */
  'colleagueMentor',
  /** Leistungsträger / Kostenträger (Integrationsamt, Agentur für Arbeit, IV). */
  'fundingBody',
  /** Integrationsfachdienst (IFD). */
  'integrationService',
  /** Rechtliche Betreuung (legal guardian) without an account. */
  'guardian',
  /** Anyone else (the function says who). */
  'other',
] as const
export type ParticipantRole = (typeof ParticipantRoles)[number]

/** Words of an old free-text role (plan v2) that name a role of {@link ParticipantRoles}; first match wins. */
const legacyRoleWords: ReadonlyArray<readonly [RegExp, ParticipantRole]> = [
  [/schwerbehindert|\bsbv\b/i, 'sbv'],
  [/betriebsrat|personalrat/i, 'worksCouncil'],
  [/kolleg|mentor|pate|patin/i, 'colleagueMentor'],
  [/leistungstr|kostentr|integrationsamt|agentur für arbeit|rentenversicherung|\biv\b|inklusionsamt/i, 'fundingBody'],
  [/integrationsfachdienst|\bifd\b/i, 'integrationService'],
  [/betreuer|betreuung|vormund|beistand/i, 'guardian'],
]

/** The role an old free-text role names ('other' when none; the text itself becomes the function). */
export function roleFromLegacyText(text: string): ParticipantRole {
  return legacyRoleWords.find(([words]) => words.test(text))?.[1] ?? 'other'
}

/** The member ids the plan's participants name (the server checks them against the case's members). */
export function participantMemberIds(participants: { toArray(): readonly unknown[] }): string[] {
  const ids: string[] = []
  for (const entry of participants.toArray()) {
    const memberId = entry instanceof Y.Map ? entry.get('memberId') : undefined
    if (typeof memberId === 'string') {
      ids.push(memberId)
    }
  }
  return ids
}
