/**
 * The identifiers a case knows — participants, members, employer, workplace,
 * the coaches' extra identifiers — as detectors with stable placeholders.
 *
 * A person is found by the full name and by each part of it (first name
 * alone, last name alone), with a title in front ("Frau Lange", "Herrn Demir",
 * "Dr. Roth") taken into the replacement, and with genitive or possessive
 * endings (-s, -es, -', -'s: "Jonas'", "Petras", "Demir's"). An organisation
 * is found by its full name and by its distinctive words ("Frischmarkt" of
 * "Frischmarkt Nord", not "Nord"). Matching ignores case and spelling
 * variants (see {@link variantPattern}) and never starts or ends inside a
 * word: "Ben" does not match in "Benutzer", but "Bens" is Ben's genitive.
 */
import type { ReplacementKind } from '../caseDocument/supervisionCopy.js'
import { matchesOf, Priority, type Candidate, type Detector } from './matches.js'
import type { PlaceholderLabel, PlaceholderRegistry } from './placeholders.js'
import { cleanText, identifierKey, variantPattern } from './text.js'

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
  members: readonly CaseMember[]
  extra: ReadonlyArray<string | ExtraIdentifier>
}

/** Titles and salutations taken into a person's replacement. */
const TitlePrefix = '(?:(?:Frau|Herrn?|Familie)[\\s\\u00a0]+|(?:Hr|Fr|Dr|Prof|Fam)\\.[\\s\\u00a0]*)*'
/** Genitive and possessive endings: Petras, Jonas', Demir's, (des) Betriebes. */
const Inflection = "(?:s|es|['\u2019]s?)?"

/** Words in a name that are not a name of their own. */
const NameParticles = new Set(['von', 'van', 'de', 'der', 'den', 'zu', 'zum', 'di', 'da', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'dr', 'prof', 'frau', 'herr'])

/** Words of an organisation's name that say what it is, not which one. */
const GenericOrganisationWords = new Set(
  `gmbh mbh ag kg ohg gbr ug ev e.v. co und the and der die das des von fuer am an im in zum zur bei
  nord sued ost west mitte zentrum zentral zentrale filiale markt supermarkt discounter baeckerei metzgerei gastronomie restaurant
  kantine hotel cafe klinik klinikum krankenhaus praxis pflege pflegeheim pflegedienst seniorenheim seniorenzentrum kita schule stadt
  stadtwerke verwaltung service services logistik handel gruppe group holding team werk werke werkstatt werkstaetten betrieb
  firma unternehmen abteilung lager buero kasse kassenbereich produktion montage verkauf versand kueche reinigung garten
  landschaftsbau bau technik personal integrationsfachdienst integrationsamt agentur arbeit jobcenter bundesagentur stiftung
  verein verband genossenschaft international deutschland schweiz national gemeinde kreis landkreis bezirk amt land`.split(/\s+/),
)

interface Term {
  /** The text to find (a full name or one part of it). */
  text: string
  /** Placeholders of everything this term may stand for (two people sharing a last name: both). */
  placeholders: Set<string>
  kind: ReplacementKind
  priority: number
  /** Whether a title ("Frau") in front belongs to the match. */
  titles: boolean
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

/**
 * Registers the case's identifiers with their placeholders, in a fixed order
 * so the letters do not depend on where a name first appears: participants
 * (plan order), then members, then extra identifiers; the employer, then the
 * workplace, then the participants' organisations. The same person or
 * organisation (equal {@link identifierKey}) gets one placeholder.
 */
export class KnownIdentifierDetector implements Detector {
  private readonly terms = new Map<string, Term>()
  private readonly personPlaceholders = new Map<string, string>()
  private readonly organisationPlaceholders = new Map<string, string>()
  private patterns: Array<{ pattern: RegExp; terms: Term[] }> | null = null

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
        this.addTerm(local, placeholder, 'person', Priority.person, false)
      }
    }
    if (known.employerName) {
      this.addOrganisation(known.employerName, 'business')
    }
    if (known.workplace) {
      this.addOrganisation(known.workplace, 'business')
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

  private addTerm(text: string, placeholder: string, kind: ReplacementKind, priority: number, titles: boolean): void {
    const key = `${identifierKey(text)}|${titles ? 't' : ''}`
    if (identifierKey(text) === '') {
      return
    }
    const existing = this.terms.get(key)
    if (existing) {
      // The same text stands for two things: a person's part wins over an organisation's word.
      if (priority < existing.priority) {
        this.terms.set(key, { text, placeholders: new Set([placeholder]), kind, priority, titles })
      } else if (priority === existing.priority) {
        existing.placeholders.add(placeholder)
      }
      return
    }
    this.terms.set(key, { text, placeholders: new Set([placeholder]), kind, priority, titles })
    this.patterns = null
  }

  private addPerson(name: string, placeholder?: string): string | undefined {
    const key = identifierKey(name)
    if (letterCount(name) < 2) {
      return undefined
    }
    const known = this.personPlaceholders.get(key)
    const chosen = placeholder ?? known ?? this.registry.register(`person:${key}`, 'person', 'person', cleanText(name).trim())
    this.personPlaceholders.set(key, chosen)
    this.addTerm(name, chosen, 'person', Priority.person, true)
    for (const part of nameParts(name)) {
      this.addTerm(part, chosen, 'person', Priority.person, true)
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
    this.addTerm(name, chosen, 'organisation', priority, false)
    for (const word of organisationWords(name)) {
      this.addTerm(word, chosen, 'organisation', priority, false)
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
        this.addTerm(text, placeholder, 'place', Priority.extra, false)
        return
      }
      case 'other': {
        const placeholder = sameAs ?? this.registry.register(`identifier:${identifierKey(text)}`, 'identifier', 'identifier', text)
        this.addTerm(text, placeholder, 'identifier', Priority.extra, false)
        return
      }
    }
  }

  /**
   * One regular expression per kind of term (with titles, without), each
   * term in its own group, longest first so a full name wins over its parts
   * at the same place. One expression instead of one per term: compiling a
   * Unicode-aware expression costs far more than running it.
   */
  private compiled(): Array<{ pattern: RegExp; terms: Term[] }> {
    if (!this.patterns) {
      const terms = [...this.terms.values()]
      this.patterns = [true, false].flatMap((titles) => {
        const group = terms.filter((term) => term.titles === titles).sort((a, b) => b.text.length - a.text.length)
        if (group.length === 0) {
          return []
        }
        const alternatives = group.map((term) => `(${variantPattern(term.text)})`).join('|')
        const source = `(?<![\\p{L}\\p{M}])${titles ? TitlePrefix : ''}(?:${alternatives})${Inflection}(?![\\p{L}\\p{M}])`
        return [{ pattern: new RegExp(source, 'giu'), terms: group }]
      })
    }
    return this.patterns
  }

  find(text: string): Candidate[] {
    const candidates: Candidate[] = []
    for (const { pattern, terms } of this.compiled()) {
      for (const match of matchesOf(pattern, text)) {
        const term = terms[match.findIndex((group, index) => index > 0 && group !== undefined) - 1]
        if (!term) {
          continue
        }
        const placeholder = joinPlaceholders([...term.placeholders])
        candidates.push({
          start: match.index,
          end: match.index + match[0].length,
          kind: term.kind,
          priority: term.priority,
          resolve: () => placeholder,
        })
      }
    }
    return candidates
  }
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
