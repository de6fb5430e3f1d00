/**
 * Identifiers found by their shape, whoever they belong to: e-mail
 * addresses, phone numbers (German and Swiss, national and international),
 * IBANs (DE, AT, CH, LI, and other countries in upper case), dates of birth
 * with their label, street addresses and postal codes with their town.
 *
 * Each gets a stable placeholder keyed by its normalised value (the same
 * number written "0171 1234567" and "0171/1234567" is one Telefon A). The
 * patterns lean towards replacing too much: the reviewing coach sees every
 * replacement highlighted, while a missed one would leak.
 */
import { matchesOf, Priority, type Candidate, type Detector } from './matches.js'
import type { PlaceholderRegistry } from './placeholders.js'
import { identifierKey } from './text.js'

/** Space inside a number or address: blank, tab or no-break space (never a line break). */
const Blank = '[ \\t\\u00a0]'

/** A label in front ("IBAN DE89…", "Tel. 030…", "E-Mail: …") goes into the replacement, so it does not read "IBAN IBAN A". */
function labelled(labels: string): string {
  return `(?:(?<![\\p{L}])(?:${labels})${Blank}*:?${Blank}*)?`
}

const Email = /(?:(?<!\p{L})(?:E-Mail|Email|Mail)[ \t\u00a0]*:?[ \t\u00a0]*)?[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu

/**
 * A phone number: an international prefix (+49, 0049, +41, with an optional
 * "(0)"), an area code in parentheses, or a national number starting with 0;
 * then at least four more digits, grouped by blanks, slashes or hyphens
 * (up to 30, so a long run is never cut inside).
 * Dots are not separators, so dates (03.04.2025) never look like numbers.
 */
/**
 * Between digit groups: one blank, a slash (with blanks or not) or a bare
 * hyphen. Not " - ": that separates two numbers ("030 123456 - 0171 …"), and
 * taking both into one match could end it inside the second.
 */
const PhoneSeparator = `(?:${Blank}?/${Blank}?|-|${Blank})`
const Phone = new RegExp(
  `${labelled('Tel\\.|Tel|Telefon|Telefonnummer|Handy|Mobil|Mobiltelefon|Fax')}(?<![\\d+])(?:(?:\\+|00)${Blank}?\\d{2,3}(?:${PhoneSeparator}?\\(0\\))?|\\(0\\d{1,5}\\)|0\\d{1,5})(?:${PhoneSeparator}?\\d){4,30}(?!\\d)`,
  'gu',
)

const IbanSpace = '[ \\u00a0]?'
/** DE (22), AT (20), CH and LI (21 characters); grouped in fours or not, any case. */
const IbanDach = new RegExp(
  labelled('IBAN') +
  '(?:' +
  [
    `DE\\d{2}(?:${IbanSpace}\\d){18}`,
    `AT\\d{2}(?:${IbanSpace}\\d){16}`,
    `(?:CH|LI)\\d{2}(?:${IbanSpace}\\d){5}(?:${IbanSpace}[0-9A-Z]){12}`,
  ].join('|') +
  ')',
  'giu',
)
/** Any other country's IBAN, in upper case only (lower case would match ordinary words too often). */
const IbanOther = /(?:(?<!\p{L})IBAN[ \t\u00a0]*:?[ \t\u00a0]*)?(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?[0-9A-Z]){11,30}(?![\p{L}\p{N}])/gu

/** German month names and abbreviations (shared with the date patterns). */
export const MonthNames =
  'Januar|Jänner|Jaenner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan\\.?|Feb\\.?|Mär\\.?|Mrz\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Okt\\.?|Nov\\.?|Dez\\.?'

const NumericDate = `\\d{1,2}\\.${Blank}?\\d{1,2}\\.${Blank}?(?:\\d{4}|\\d{2})(?!\\d)`
const LongDate = `\\d{1,2}\\.${Blank}*(?:${MonthNames})${Blank}*\\d{4}`
const BirthLabel = `(?:geb(?:oren)?\\.?(?:${Blank}+am)?|Geburtsdatum|Geb\\.?[ -]?Datum|Geburtstag|Jahrgang)`
const DateOfBirth = new RegExp(
  `(?<!\\p{L})${BirthLabel}${Blank}*:?${Blank}*(?:${NumericDate}|${LongDate}|(?:19|20)\\d{2}(?!\\d))|\\*${Blank}?${NumericDate}`,
  'giu',
)

/** A house number: 12, 5a, 5 a, 12-14, 3/1. */
const HouseNumber = `\\d{1,4}(?:${Blank}?[a-zA-Z](?![\\p{L}]))?(?:${Blank}?[-–/]${Blank}?\\d{1,4}[a-zA-Z]?)?(?![\\p{L}\\p{N}])`
const StreetSuffix = '(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|promenade|graben|stieg|wall|kai|quai|zeile|steg)'
const StreetWord = '(?:Straße|Strasse|Str\\.|Weg|Gasse|Platz|Allee|Ring|Damm|Ufer|Chaussee|Promenade|Graben|Steig)'
const StreetPreposition = '(?:Am|An der|An den|An dem|Auf der|Auf dem|Auf den|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Hinter dem|Vor dem|Beim|Bei der|Alte|Alter|Altes|Neue|Neuer|Neues|Obere|Untere)'
/** A town after a postal code: one capitalised word, hyphenated parts, or "Frankfurt am Main". */
const Town = `\\p{Lu}[\\p{L}]+(?:-\\p{Lu}?[\\p{L}]+)*(?:${Blank}(?:am|an der|im|in der|ob der|bei)${Blank}\\p{Lu}[\\p{L}]+)?`
const PostalTail = `(?:,?${Blank}*(?:(?:D|DE|CH|A|AT)-)?\\d{4,5}${Blank}+${Town})?`
const Address = new RegExp(
  [
    // Hauptstraße 12, Bahnhofstr. 5a, Bahnhofstrasse 3 (one word ending in a street word)
    `(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\-]*?${StreetSuffix}${Blank}*${HouseNumber}${PostalTail}`,
    // Berliner Straße 10, Alte Gasse 3 (a street word on its own)
    `(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}\\-]*${Blank}+){1,2}${StreetWord}${Blank}+${HouseNumber}${PostalTail}`,
    // Am Markt 3, An der Kirche 5 — only where an address ends (punctuation, line end, "in", a postal code)
    `(?<![\\p{L}\\p{N}])${StreetPreposition}${Blank}+\\p{Lu}[\\p{L}\\-]+${Blank}+${HouseNumber}${PostalTail}(?=${Blank}*(?:[,;.)!?\\n]|$|in${Blank}|(?:(?:D|DE|CH|A|AT)-)?\\d{4,5}${Blank}))`,
  ].join('|'),
  'gu',
)
/** Compounds that end in a street word but name no street ("Arbeitsplatz 2" is a workstation). */
const NotStreets =
  /^(?:\S*(?:arbeitsplatz|parkplatz|sitzplatz|kassenplatz|stellplatz|ausbildungsplatz|praktikumsplatz|arbeitsweg|heimweg|rückweg|rueckweg|umweg|lösungsweg|loesungsweg|dienstweg)|platz|weg|ring|wall)$/i
/** Words after "Am"/"Im" that are no street ("Im Schnitt 18", "Am Montag 3"). */
const NotStreetNames =
  /^(?:Am|Im|In der|Zum|Zur|Beim)[ \t\u00a0]+(?:Schnitt|Durchschnitt|Jahr|Monat|Moment|Rahmen|Team|Gespräch|Zeitraum|Ende|Anfang|Schnitt|Vergleich|Mittel|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Tag|Schichtbeginn|Schichtende|Abschluss|Bereich|Lager|Laden|Betrieb|Kassenbereich|Kurs|Takt|Rhythmus|Schnitt)\b/i

/** Postal code and town: 10115 Berlin, D-10115 Berlin, CH-8001 Zürich, 8001 Zürich after a comma, at a line start or after "in". */
const PostalCode = new RegExp(
  [
    `(?<![\\p{L}\\p{N}\\-])(?:(?:D|DE)-)?\\d{5}${Blank}+(${Town})`,
    `(?<![\\p{L}\\p{N}])(?:CH|A|AT)-\\d{4}${Blank}+(${Town})`,
    `(?<=(?:^|\\n|,${Blank}*|\\bin${Blank}+))(?!19[5-9]\\d|20\\d\\d)[1-9]\\d{3}${Blank}+(${Town})`,
  ].join('|'),
  'gu',
)
/** Words after a number that are units, not towns ("12000 Euro", "2500 Artikel"). */
const NotTowns =
  /^(?:Euro|EUR|CHF|Franken|Stunden|Std|Minuten|Min|Sekunden|Tage|Wochen|Monate|Jahre|Artikel|Stück|Kunden|Mitarbeitende|Mitarbeiter|Mitarbeiterinnen|Beschäftigte|Schritte|Punkte|Kilometer|km|Meter|Kilo|Kg|Teile|Pakete|Euro-)/i

function lettered(registry: PlaceholderRegistry, key: string, label: Parameters<PlaceholderRegistry['placeholderFor']>[1]): () => string {
  return () => registry.placeholderFor(key, label)
}

/** The pattern detectors, sharing one registry for their letters. */
export class PatternDetector implements Detector {
  constructor(private readonly registry: PlaceholderRegistry) {}

  find(text: string): Candidate[] {
    const candidates: Candidate[] = []
    const registry = this.registry
    for (const match of matchesOf(Email, text)) {
      candidates.push(this.candidate(match, 'email', Priority.email, lettered(registry, `email:${match[0].replace(/^.*?[\s:]+(?=\S*@)/u, '').toLowerCase()}`, 'email')))
    }
    for (const match of matchesOf(Phone, text)) {
      const digits = match[0].replace(/\D/g, '')
      if (digits.length < 6) {
        continue
      }
      candidates.push(this.candidate(match, 'phone', Priority.phone, lettered(registry, `phone:${nationalDigits(match[0])}`, 'phone')))
    }
    for (const pattern of [IbanDach, IbanOther]) {
      for (const match of matchesOf(pattern, text)) {
        const compact = match[0].replace(/^IBAN:?/i, '').replace(/[\s:]/g, '').replace(/^IBAN:?/i, '').toUpperCase()
        if (pattern === IbanOther && (compact.match(/\d/g) ?? []).length < 10) {
          continue
        }
        candidates.push(this.candidate(match, 'iban', Priority.iban, lettered(registry, `iban:${compact}`, 'iban')))
      }
    }
    for (const match of matchesOf(DateOfBirth, text)) {
      const value = match[0].replace(/^\D*/, '').replace(/\s/g, '')
      candidates.push(this.candidate(match, 'dateOfBirth', Priority.dateOfBirth, lettered(registry, `dateOfBirth:${value}`, 'dateOfBirth')))
    }
    for (const match of matchesOf(Address, text)) {
      const street = /^\S+/.exec(match[0])?.[0] ?? ''
      if (NotStreets.test(street.replace(/[.,]$/, '')) || NotStreetNames.test(match[0])) {
        continue
      }
      const key = identifierKey(match[0]).replace(/[^a-z0-9]/g, '')
      candidates.push(this.candidate(match, 'address', Priority.address, lettered(registry, `address:${key}`, 'address')))
    }
    for (const match of matchesOf(PostalCode, text)) {
      const town = match[1] ?? match[2] ?? match[3] ?? ''
      if (NotTowns.test(town)) {
        continue
      }
      // Keyed by the town: "10115 Berlin" and an extra identifier "Berlin" of kind place share "Ort A".
      candidates.push(this.candidate(match, 'postalCode', Priority.postalCode, lettered(registry, `place:${identifierKey(town)}`, 'place')))
    }
    return candidates
  }

  private candidate(match: RegExpExecArray, kind: Candidate['kind'], priority: number, resolve: () => string): Candidate {
    return { start: match.index, end: match.index + match[0].length, kind, priority, resolve }
  }
}

/** The digits of a phone number without its country prefix or trunk 0, so +49 30 … and 030 … are one number. */
function nationalDigits(labelledNumber: string): string {
  const number = labelledNumber.replace(/^\D*?(?=[+(0-9])/, '')
  const digits = number.replace(/\(0\)/, '').replace(/\D/g, '')
  const international = /^(?:\+|00)/.test(number.trim())
  if (international) {
    return digits.replace(/^00/, '').replace(/^(?:49|41|43|423)/, '')
  }
  return digits.replace(/^0/, '')
}
