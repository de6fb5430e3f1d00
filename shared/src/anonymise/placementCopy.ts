/**
 * Anonymises the placement parts of a case for a supervision copy (issue 19,
 * A4–A6): the plan's three-party agreement parts and the application and
 * contact log. The log is no Y doc: the server reads it from its sealed
 * table and passes the entries' values; only their current values reach
 * the copy (no ids, no coach, no instants of recording or change).
 *
 * The log's employers are businesses of the case (Betrieb C, … after the
 * employer and the workplace; the same name is the same placeholder
 * everywhere, the plan's employer included), its contact people, the
 * directory's contacts of those employers and the name the agreement gives
 * as the company's contact person are people of the case (Person …), so a
 * name is replaced wherever the case writes it, also in the notes.
 * Every text goes through the case's one anonymiser; dates become weeks.
 */
import type * as Y from 'yjs'
import type { JobSearchEntryValues } from '../api/jobSearch.js'
import { AgreementPartKeys, readAgreementParts } from '../caseDocument/agreementParts.js'
import type { CopyAgreementParts, CopyJobSearchEntry, CopyPlacement } from '../caseDocument/placementCopy.js'
import type { ExtraIdentifier } from './identifiers.js'
import { identifierKey } from './text.js'
import { GenericOrganisationWords } from './wordLists.js'
import { weekOfIsoDate } from './relativeDates.js'

/** One entry of the case's application and contact log, as the server passes it to the anonymiser. */
export interface JobSearchSource
  extends Pick<
    JobSearchEntryValues,
    | 'kind'
    | 'employerName'
    | 'contactPerson'
    | 'position'
    | 'placementKind'
    | 'date'
    | 'status'
    | 'nextStep'
    | 'nextStepOn'
    | 'interviewOn'
    | 'interviewPreparation'
    | 'accompaniedByCoach'
  > {
  /** The contact people the service's employer directory lists for this entry's employer (their names only). */
  directoryContacts?: readonly string[]
}

/** Anonymises one text at a path of the copy (the case anonymiser's `field`). */
export type FieldAnonymiser = (value: string, path: Array<string | number>) => string

/** What the case anonymiser lends this one. */
export interface PlacementAnonymiser {
  field: FieldAnonymiser
  /** The placeholder of a log entry's employer, recorded as a replacement at `path`. */
  employer: (name: string, path: Array<string | number>) => string
}

/** Salutations, titles and bracketed remarks around a contact's name ("Frau Dr. Huber (HR)" -> "Huber"). */
const AroundName = /\([^)]*\)|(?<![\p{L}])(?:Frau|Herrn?|Familie|Hr\.|Fr\.|Dr\.|Prof\.)(?![\p{L}])/giu

/** A contact's name without salutation or remarks: what identifies the person. */
export function contactName(text: string): string {
  return text.replace(AroundName, ' ').replace(/\s+/g, ' ').trim()
}

/** The log's employers, in log order (oldest first), for {@link KnownIdentifiers.businesses}. */
export function jobSearchBusinesses(entries: readonly JobSearchSource[]): string[] {
  return oldestFirst(entries).map((entry) => entry.employerName.trim()).filter((name) => name !== '')
}

/** Two to four capitalised words: how the agreement's contact part starts when it names someone ("Sabine Keller, Filialleitung"). */
const PersonName = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:(?:de|van|von|der|da|di|al|el|ter)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*){1,3}$/u

/** German nouns are capitalised too: a word of a department or a function ("Schichtleitung Lager") is no name. */
function isNounLike(word: string): boolean {
  return GenericOrganisationWords.has(identifierKey(word)) || /(?:ung|heit|keit|schaft|tion|tät)$/iu.test(word)
}

/** The name the agreement gives as the company's contact person, if its first part reads like one. */
export function agreementContactName(plan: Y.Doc): string | undefined {
  const first = contactName(safeParts(plan).companyContact.split(/[,;/\n–(]|\s-\s/)[0] ?? '')
  return PersonName.test(first) && !first.split(/\s+/).some(isNounLike) ? first : undefined
}

/**
 * The people the placement parts name: the log's contact people, the
 * directory's contacts of its employers, then the agreement's contact person.
 */
export function placementPeople(plan: Y.Doc, entries: readonly JobSearchSource[]): ExtraIdentifier[] {
  const contact = agreementContactName(plan)
  return [...oldestFirst(entries).flatMap((entry) => [entry.contactPerson, ...(entry.directoryContacts ?? [])]), ...(contact ? [contact] : [])]
    .map(contactName)
    .filter((name) => name.length >= 2)
    .map((text) => ({ text, kind: 'person' as const }))
}

/** Every text of the placement parts, for detectors that look at the whole case before anything is replaced. */
export function placementTexts(plan: Y.Doc, entries: readonly JobSearchSource[]): string[] {
  const parts = safeParts(plan)
  return [
    ...AgreementPartKeys.map((key) => parts[key]),
    ...entries.flatMap((entry) => [entry.contactPerson, entry.position, entry.nextStep, entry.interviewPreparation]),
  ]
}

function safeParts(plan: Y.Doc): Record<(typeof AgreementPartKeys)[number], string> {
  try {
    return readAgreementParts(plan)
  } catch {
    // A root `agreementParts` of another Yjs type (hand-made documents): nothing to copy.
    return Object.fromEntries(AgreementPartKeys.map((key) => [key, ''])) as Record<(typeof AgreementPartKeys)[number], string>
  }
}

/** Oldest first, as a supervision group reads the course of a search (the API lists newest first). */
function oldestFirst(entries: readonly JobSearchSource[]): JobSearchSource[] {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => (a.entry.date === b.entry.date ? b.index - a.index : a.entry.date < b.entry.date ? -1 : 1)).map(({ entry }) => entry)
}

function weekOf(date: string | null, startDate: string | undefined): { week?: number } {
  const week = date === null ? undefined : weekOfIsoDate(date, startDate)
  return week === undefined ? {} : { week }
}

/** The placement parts as the copy holds them, every text through the case's anonymiser. */
export function anonymisePlacement(plan: Y.Doc, entries: readonly JobSearchSource[], anonymiser: PlacementAnonymiser, startDate: string | undefined): CopyPlacement {
  const { field, employer } = anonymiser
  const parts = safeParts(plan)
  const agreementParts: CopyAgreementParts = {}
  for (const key of AgreementPartKeys) {
    if (parts[key].trim() !== '') {
      agreementParts[key] = field(parts[key], ['agreementParts', key])
    }
  }
  const jobSearch = oldestFirst(entries).map((entry, index): CopyJobSearchEntry => {
    const path = (key: string): Array<string | number> => ['jobSearch', index, key]
    const nextStepWeek = weekOf(entry.nextStepOn, startDate).week
    const interviewWeek = weekOf(entry.interviewOn, startDate).week
    return {
      id: `search-${index + 1}`,
      kind: entry.kind,
      employer: employer(entry.employerName, path('employer')),
      contactPerson: field(entry.contactPerson, path('contactPerson')),
      position: field(entry.position, path('position')),
      placementKind: entry.placementKind,
      ...weekOf(entry.date, startDate),
      status: entry.status,
      nextStep: field(entry.nextStep, path('nextStep')),
      ...(nextStepWeek !== undefined ? { nextStepWeek } : {}),
      ...(interviewWeek !== undefined ? { interviewWeek } : {}),
      interviewPreparation: field(entry.interviewPreparation, path('interviewPreparation')),
      accompaniedByCoach: entry.accompaniedByCoach,
    }
  })
  return { agreementParts, jobSearch }
}
