/**
 * The identifiers a case knows — participants, members, employer, workplace,
 * the coaches' extra identifiers — as detectors with stable placeholders.
 *
 * A person is found by the full name and by each part of it (first name
 * alone, last name alone), with a title in front ("Frau Lange", "Herrn Demir",
 * "Dr. Roth") taken into the replacement, and with genitive or possessive
 * endings (-s, -es, -', -'s: "Jonas'", "Petras", "Demir's"). An organisation
 * is found by its full name and by its distinctive words ("Frischmarkt" of
 * "Frischmarkt Nord", not "Nord"); a place by its full name and by each
 * of its words ("Altstetten" of "Zürich-Altstetten"), also as an adjective
 * or its inhabitants ("Winterthurer") and as the first part of a street's
 * name ("Lindenstraße" for the district Linden: the whole word goes).
 * Matching folds case and spelling (see {@link foldText}: Kızıltaş =
 * KIZILTAS, Łukasz = Lukasz) and never starts or ends inside a word: "Ben"
 * does not match in "Benutzer", but "Bens" is Ben's genitive.
 */
import type { ReplacementKind } from '../caseDocument/supervisionCopy.js'
import { Priority, type Candidate, type Detector } from './matches.js'
import type { PlaceholderLabel, PlaceholderRegistry } from './placeholders.js'
import { cleanText, foldText, identifierKey } from './text.js'
import { WordMatcher } from './wordMatcher.js'
import { GenericOrganisationWords, GenericPlaceWords, Genitive, NameParticles, PlaceEndings, StemEndings } from './wordLists.js'

/** A member of the case as the server knows it (any role). */
export interface CaseMember {
  name: string
  email: string
}

/** What an extra identifier is, which decides its placeholder. */
export type ExtraIdentifierKind = 'person' | 'organisation' | 'place' | 'other'

/**
 * An extra identifier the coaches keep for a case. A plain string is of kind
 * `other` (Angabe A). `sameAs` names a known person or organisation (its full
 * name) this one is another name of, e.g. a nickname: it then gets that one's
 * placeholder.
 */
export interface ExtraIdentifier {
  text: string
  kind: ExtraIdentifierKind
  sameAs?: string
}

/** Every identifier the case knows, from the plan and from the server. */
export interface KnownIdentifiers {
  /** The plan's participants (name and organisation). */
  participants: ReadonlyArray<{ name: string; organisation: string }>
  employerName?: string
  workplace?: string
  /** Other employers the case deals with (the job search's, issue 19): Betrieb C, … after the employer and the workplace. */
  businesses?: readonly string[]
  members: readonly CaseMember[]
  extra: ReadonlyArray<string | ExtraIdentifier>
}

/** A title or salutation right before a match (taken into a person's replacement). */
const TitleBefore = /(?:(?<![\p{L}\p{M}])(?:(?:Frau|Herrn?|Familie)[\s\u00a0]+|(?:Hr|Fr|Dr|Prof|Fam)\.[\s\u00a0]*))+$/iu

interface Term {
  /** The text to find (a full name or one part of it). */
  text: string
  /** Placeholders of everything this term may stand for (two people sharing a last name: both). */
  placeholders: Set<string>
  kind: ReplacementKind
  priority: number
  /** Whether a title ("Frau") in front belongs to the match. */
  titles: boolean
  /** Endings the term may carry (folded). */
  suffixes: readonly string[]
  /** Whether it matches without an ending (false for a place's stem: "Altstett" only in "Altstetter"). */
  bare: boolean
}

/** Letters of a word (for length checks). */
function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length
}

/** The parts of a person's name that identify alone: "Hans-Peter Müller" -> Hans-Peter, Hans, Peter, Müller. */
export function nameParts(name: string): string[] {
  const parts = new Set<string>()
  for (const token of cleanText(name).split(/[\s,]+/)) {
    const trimmed = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
    const candidates = [trimmed, ...trimmed.split('-')]
    for (const part of candidates) {
      if (letterCount(part) >= 2 && !NameParticles.has(identifierKey(part).replace(/\.$/, ''))) {
        parts.add(part)
      }
    }
  }
  return [...parts]
}

/** The distinctive words of an organisation's name: "Frischmarkt Nord GmbH" -> Frischmarkt. */
export function organisationWords(name: string): string[] {
  const words = new Set<string>()
  for (const token of cleanText(name).split(/[\s,/&+()"„“”]+/)) {
    const trimmed = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    if (letterCount(trimmed) >= 4 && !GenericOrganisationWords.has(identifierKey(trimmed))) {
      words.add(trimmed)
    }
  }
  return [...words]
}

/** The distinctive words of a place's name: "Zürich-Altstetten" -> Zürich, Altstetten; "Bad Homburg vor der Höhe" -> Homburg, Höhe. */
export function placeWords(name: string): string[] {
  const words = new Set<string>()
  for (const token of cleanText(name).split(/[\s,/()\-\u2010-\u2013]+/)) {
    const trimmed = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
    if (letterCount(trimmed) >= 3 && !GenericPlaceWords.has(identifierKey(trimmed))) {
      words.add(trimmed)
    }
  }
  return [...words]
}

/**
 * Registers the case's identifiers with their placeholders, in a fixed order
 * so the letters do not depend on where a name first appears: participants
 * (plan order), then members, then extra identifiers; the employer, then the
 * workplace, then the job search's employers, then the participants'
 * organisations. The same person or
 * organisation (equal {@link identifierKey}) gets one placeholder.
 */
export class KnownIdentifierDetector implements Detector {
  private readonly terms = new Map<string, Term>()
  private readonly personPlaceholders = new Map<string, string>()
  private readonly organisationPlaceholders = new Map<string, string>()
  /** People found by salutation, by the key of their last name. */
  private readonly namedPeople = new Map<string, string>()
  private matchers: Array<WordMatcher<Term>> | null = null

  constructor(
    private readonly registry: PlaceholderRegistry,
    known: KnownIdentifiers,
  ) {
    for (const participant of known.participants) {
      this.addPerson(participant.name)
    }
    for (const member of known.members) {
      const placeholder = this.addPerson(member.name)
      // A login-like local part ("jpeters", "jonas.peters") names the person in text too.
      const local = cleanText(member.email).split('@')[0] ?? ''
      if (placeholder !== undefined && letterCount(local) >= 3 && member.email.includes('@')) {
        this.addTerm(local, placeholder, 'person', Priority.person, false, Genitive)
      }
    }
    if (known.employerName) {
      this.addOrganisation(known.employerName, 'business')
    }
    if (known.workplace) {
      this.addOrganisation(known.workplace, 'business')
    }
    for (const business of known.businesses ?? []) {
      this.addOrganisation(business, 'business')
    }
    for (const participant of known.participants) {
      if (participant.organisation.trim() !== '') {
        this.addOrganisation(participant.organisation, 'organisation')
      }
    }
    for (const extra of known.extra) {
      this.addExtra(typeof extra === 'string' ? { text: extra, kind: 'other' } : extra)
    }
  }

  /** The placeholder of a known person by full name (any spelling), if known. */
  personPlaceholder(name: string): string | undefined {
    return this.personPlaceholders.get(identifierKey(name))
  }

  /** The placeholder of a known organisation by full name (any spelling), if known. */
  organisationPlaceholder(name: string): string | undefined {
    return this.organisationPlaceholders.get(identifierKey(name))
  }

  /**
   * A person the case does not list but its text names with a salutation
   * ({@link findHonorificNames}): their name and its parts get a placeholder,
   * the parts that are a known person's already keep that one's ("Frau Ewa
   * Demir" beside the participant Ali Demir: Ewa is new, Demir stays). Names
   * with the same last word are taken for one person ("Herrn Kowalczyk",
   * "Frau Ewa Kowalczyk"): a family shares a placeholder rather than one of
   * them staying readable.
   */
  addNamedPerson(name: string): void {
    const parts = nameParts(name)
    const isKnown = (part: string): boolean => this.terms.get(`${identifierKey(part)}|t`)?.kind === 'person'
    const unknown = parts.filter((part) => !isKnown(part))
    if (unknown.length === 0 || isKnown(name)) {
      return
    }
    const last = identifierKey(parts[parts.length - 1] ?? name)
    const placeholder = this.namedPeople.get(last) ?? this.registry.register(`person:${identifierKey(name)}`, 'person', 'person', cleanText(name).trim())
    this.namedPeople.set(last, placeholder)
    this.addTerm(name, placeholder, 'person', Priority.person, true, Genitive)
    for (const part of unknown) {
      this.addTerm(part, placeholder, 'person', Priority.person, true, Genitive)
    }
  }

  private addTerm(text: string, placeholder: string, kind: ReplacementKind, priority: number, titles: boolean, suffixes: readonly string[], bare = true): void {
    const key = `${identifierKey(text)}|${titles ? 't' : ''}${bare ? '' : '|stem'}`
    if (identifierKey(text) === '') {
      return
    }
    const existing = this.terms.get(key)
    if (existing) {
      // The same text stands for two things: a person's part wins over an organisation's word.
      if (priority < existing.priority) {
        this.terms.set(key, { text, placeholders: new Set([placeholder]), kind, priority, titles, suffixes, bare })
      } else if (priority === existing.priority) {
        existing.placeholders.add(placeholder)
      }
      return
    }
    this.terms.set(key, { text, placeholders: new Set([placeholder]), kind, priority, titles, suffixes, bare })
    this.matchers = null
  }

  private addPerson(name: string, placeholder?: string): string | undefined {
    const key = identifierKey(name)
    if (letterCount(name) < 2) {
      return undefined
    }
    const known = this.personPlaceholders.get(key)
    const chosen = placeholder ?? known ?? this.registry.register(`person:${key}`, 'person', 'person', cleanText(name).trim())
    this.personPlaceholders.set(key, chosen)
    this.addTerm(name, chosen, 'person', Priority.person, true, Genitive)
    for (const part of nameParts(name)) {
      this.addTerm(part, chosen, 'person', Priority.person, true, Genitive)
    }
    return chosen
  }

  private addOrganisation(name: string, label: Extract<PlaceholderLabel, 'business' | 'organisation'>, placeholder?: string): string | undefined {
    const key = identifierKey(name)
    if (letterCount(name) < 2) {
      return undefined
    }
    const known = this.organisationPlaceholders.get(key)
    const chosen = placeholder ?? known ?? this.registry.register(`organisation:${key}`, label, 'organisation', cleanText(name).trim())
    this.organisationPlaceholders.set(key, chosen)
    const priority = label === 'business' ? Priority.business : Priority.organisation
    this.addTerm(name, chosen, 'organisation', priority, false, Genitive)
    for (const word of organisationWords(name)) {
      this.addTerm(word, chosen, 'organisation', priority, false, Genitive)
    }
    return chosen
  }

  private addExtra(extra: ExtraIdentifier): void {
    const text = cleanText(extra.text).trim()
    if (letterCount(text) + (text.match(/\p{N}/gu) ?? []).length < 2) {
      return
    }
    const sameAs = extra.sameAs === undefined ? undefined : (this.personPlaceholder(extra.sameAs) ?? this.organisationPlaceholder(extra.sameAs))
    switch (extra.kind) {
      case 'person':
        this.addPerson(text, sameAs)
        return
      case 'organisation':
        this.addOrganisation(text, 'organisation', sameAs)
        return
      case 'place': {
        const placeholder = sameAs ?? this.registry.register(`place:${identifierKey(text)}`, 'place', 'place', text)
        this.addTerm(text, placeholder, 'place', Priority.extra, false, PlaceEndings)
        for (const word of placeWords(text)) {
          this.addTerm(word, placeholder, 'place', Priority.extra, false, PlaceEndings)
          // Places in -en drop it before -er: Altstetten -> Altstetter, Altstetterstrasse.
          if (/en$/i.test(word) && letterCount(word) >= 6) {
            this.addTerm(word.slice(0, -2), placeholder, 'place', Priority.extra, false, StemEndings, false)
          }
        }
        return
      }
      case 'other': {
        const placeholder = sameAs ?? this.registry.register(`identifier:${identifierKey(text)}`, 'identifier', 'identifier', text)
        this.addTerm(text, placeholder, 'identifier', Priority.extra, false, Genitive)
        return
      }
    }
  }

  /** One matcher per kind of term (with titles, without): a person's part and an organisation's word of the same text both compete. */
  private compiled(): Array<WordMatcher<Term>> {
    if (!this.matchers) {
      const terms = [...this.terms.values()]
      this.matchers = [true, false].map(
        (titles) =>
          new WordMatcher(
            terms
              .filter((term) => term.titles === titles)
              .map((term) => ({
                folded: identifierKey(term.text),
                suffixes: term.suffixes,
                // "An", "Do", "Le" (Vietnamese names) are also ordinary words: only capitalised.
                capitalised: letterCount(term.text) <= 2,
                bare: term.bare,
                value: term,
              })),
          ),
      )
    }
    return this.matchers
  }

  find(text: string): Candidate[] {
    const candidates: Found[] = []
    const folded = foldText(text)
    for (const matcher of this.compiled()) {
      for (const match of matcher.find(text, folded)) {
        const term = match.value
        let start = match.start
        if (term.titles) {
          const before = text.slice(Math.max(0, start - 40), start)
          const title = TitleBefore.exec(before)
          start -= title?.[0].length ?? 0
        }
        candidates.push({ start, end: match.end, term, placeholder: joinPlaceholders([...term.placeholders]) })
      }
    }
    return mergeNeighbours(text, candidates).map(({ start, end, term, placeholder }) => ({ start, end, kind: term.kind, priority: term.priority, resolve: () => placeholder }))
  }
}

interface Found {
  start: number
  end: number
  term: Term
  placeholder: string
}

/**
 * Joins matches of one placeholder separated by blanks only into one
 * ("Lo Bianco", "Thi Hoa": two parts of one name are one "Person D", not
 * "Person D Person D"); the joined match competes as the longer one.
 */
function mergeNeighbours(text: string, found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Found[] = [...sorted]
  for (let index = 0; index < sorted.length; index++) {
    let current = sorted[index] as Found
    for (const next of sorted.slice(index + 1)) {
      if (next.start < current.end) {
        continue
      }
      if (!/^[ \t\u00a0]+$/.test(text.slice(current.end, next.start))) {
        break
      }
      if (next.placeholder === current.placeholder) {
        current = { ...current, end: next.end }
        out.push(current)
      }
    }
  }
  return out
}

/** "Person A" and "Person C" -> "Person A/C" (a name part two people share). */
function joinPlaceholders(placeholders: string[]): string {
  if (placeholders.length === 1) {
    return placeholders[0] ?? ''
  }
  const sorted = [...placeholders].sort()
  const label = sorted[0]?.replace(/ [A-Z]+$/, '') ?? ''
  if (sorted.every((placeholder) => placeholder.startsWith(`${label} `))) {
    return `${label} ${sorted.map((placeholder) => placeholder.slice(label.length + 1)).join('/')}`
  }
  return sorted.join('/')
}
