import { describe, expect, it } from 'vitest'
import { KnownIdentifierDetector, nameParts, organisationWords } from './identifiers.js'
import { PatternDetector } from './patterns.js'
import { placeholderLetters, PlaceholderRegistry } from './placeholders.js'
import { inferYear, RelativeDateDetector, weekOfIsoDate } from './relativeDates.js'
import { RedactionDetector, TextAnonymiser } from './textAnonymiser.js'
import { identifierKey } from './text.js'

function anonymiser(redactions: string[] = [], startDate: string | null = '2026-03-02'): (text: string) => string {
  const registry = new PlaceholderRegistry()
  const known = new KnownIdentifierDetector(registry, {
    participants: [
      { name: 'Jonas Peters', organisation: 'Frischmarkt Nord' },
      { name: 'Petra Lange', organisation: 'Frischmarkt Nord' },
      { name: 'Ali Demir', organisation: 'Frischmarkt Nord' },
      { name: 'Ben Müller', organisation: 'Integrationsfachdienst Bergisch Land' },
      { name: 'Sandra Strauß', organisation: '' },
    ],
    employerName: 'Frischmarkt Nord',
    workplace: 'Filiale Hafenstraße',
    members: [{ name: 'Miriam Roth', email: 'mroth@ifd.example' }],
    extra: ['Kassenteam Blau', { text: 'Wuppertal', kind: 'place' }],
  })
  const text = new TextAnonymiser([known, new PatternDetector(registry), new RelativeDateDetector(startDate ?? undefined)], new RedactionDetector(redactions))
  return (input) => text.anonymiseString(input).text
}

describe('known identifiers', () => {
  // Letters in the order the case knows them: Jonas Peters A, Petra Lange B, Ali Demir C, Ben Müller D, Sandra Strauß E, Miriam Roth F.
  it.each([
    ['Jonas Peters kommt.', 'Person A kommt.'],
    ['Jonas kommt, Peters auch.', 'Person A kommt, Person A auch.'],
    ['Frau Lange und Herrn Demir, Hr. Demir, Dr. Roth', 'Person B und Person C, Person C, Person F'],
    ['Sandras Schicht, Petras Idee, Jonas’ Kasse, Demir\'s Feedback, Müllers Rat', 'Person E Schicht, Person B Idee, Person A Kasse, Person C Feedback, Person D Rat'],
    ['MÜLLER, mueller, Muller und Strauss, STRAUSS', 'Person D, Person D, Person D und Person E, Person E'],
    ['Der Benutzer Ben, Bens Kollegin', 'Der Benutzer Person D, Person D Kollegin'],
    ['Alibi, Petrarca, Langeweile', 'Alibi, Petrarca, Langeweile'],
    ['bei Frischmarkt Nord, im Frischmarkt, Frischmarkt-Filiale, im Norden', 'bei Betrieb A, im Betrieb A, Betrieb A-Filiale, im Norden'],
    ['Filiale Hafenstraße; die Hafenstraße', 'Betrieb B; die Betrieb B'],
    ['Integrationsfachdienst Bergisch Land: Bergisch', 'Organisation A: Organisation A'],
    ['Kassenteam Blau in Wuppertal', 'Angabe A in Ort A'],
    ['mroth schreibt', 'Person F schreibt'],
  ])('%s', (input, output) => {
    expect(anonymiser()(input)).toBe(output)
  })

  it('splits names into parts and organisations into distinctive words', () => {
    expect(nameParts('Hans-Peter von Müller-Lüdenscheidt')).toEqual(['Hans-Peter', 'Hans', 'Peter', 'Müller-Lüdenscheidt', 'Müller', 'Lüdenscheidt'])
    expect(organisationWords('Frischmarkt Nord GmbH & Co. KG')).toEqual(['Frischmarkt'])
    expect(identifierKey('Jörg  Strauß')).toBe(identifierKey('joerg strauss'))
    expect(identifierKey('MUELLER')).toBe(identifierKey('Müller'))
  })
})

describe('patterns', () => {
  it.each([
    ['an jonas.peters@web.de schreiben', 'an E-Mail A schreiben'],
    ['E-Mail: a.b@c-d.example.org.', 'E-Mail A.'],
    ['Tel. +49 30 1234567', 'Telefon A'],
    ['0049 30 1234567 oder 030 1234567', 'Telefon A oder Telefon A'],
    ['0171/1234567, 0171 / 123 45 67', 'Telefon A, Telefon A'],
    ['(030) 12 34 56-7', 'Telefon A'],
    ['+49 (0)30 1234567', 'Telefon A'],
    ['+41 44 123 45 67, 044 123 45 67, 079 123 45 67', 'Telefon A, Telefon A, Telefon B'],
    ['IBAN DE89 3704 0044 0532 0130 00', 'IBAN A'],
    ['de89370400440532013000 und CH93 0076 2011 6238 5295 7', 'IBAN A und IBAN B'],
    ['geb. 03.04.1988, Geburtsdatum: 3. April 1988, geboren am 03.04.88, *03.04.1988, Jahrgang 1988', 'Geburtsdatum A, Geburtsdatum B, Geburtsdatum C, Geburtsdatum A, Geburtsdatum D'],
    ['wohnt Hauptstraße 12, Bahnhofstr. 5a und Am Markt 3.', 'wohnt Adresse A, Adresse B und Adresse C.'],
    ['Berliner Straße 10, 10115 Berlin', 'Adresse A'],
    // Ort A is the case's own Wuppertal.
    ['in 10115 Berlin, D-10115 Berlin, CH-8001 Zürich, in 8001 Zürich, 42103 Wuppertal', 'in Ort B, Ort B, Ort C, in Ort C, Ort A'],
  ])('%s', (input, output) => {
    expect(anonymiser()(input)).toBe(output)
  })

  it.each([
    'Im Schnitt 18 Artikel pro Minute am Arbeitsplatz 2.',
    'Am Montag 3 Stunden, 120 Stunden Budget, 4 von 5 Wochen, 8:00 Uhr, 0,5 Stunden.',
    'seit 2019 im Betrieb, 12000 Euro, 2500 Artikel',
    'Checkliste Version 1.2 ist fertig.',
  ])('leaves ordinary text alone: %s', (input) => {
    expect(anonymiser()(input)).toBe(input)
  })
})

describe('dates', () => {
  it.each([
    ['am 02.03.2026', 'in Woche 1'],
    ['Am 09.03.2026 Besuch', 'In Woche 2 Besuch'],
    ['03.04.2026, 3.4.26, 3. April 2026, 2026-04-03, 03/04/2026', 'Woche 5, Woche 5, Woche 5, Woche 5, Woche 5'],
    ['bis 12.03. und ab 12.09.', 'bis Woche 2 und ab Woche 28'],
    ['im April 2026, im Februar 2026', 'in Woche 5–9, 5–1 Wochen vor Beginn'],
    ['am 20.02.2026', '2 Wochen vor Beginn'],
    ['seit dem 01.01.2020', 'seit dem mehr als ein Jahr vor Beginn'],
    ['1.2. Ausgangslage', '1.2. Ausgangslage'],
  ])('%s', (input, output) => {
    expect(anonymiser()(input)).toBe(output)
  })

  it('counts weeks from the start: week 1 is the first seven days, no week 0', () => {
    expect(weekOfIsoDate('2026-03-02', '2026-03-02')).toBe(1)
    expect(weekOfIsoDate('2026-03-08', '2026-03-02')).toBe(1)
    expect(weekOfIsoDate('2026-03-09', '2026-03-02')).toBe(2)
    expect(weekOfIsoDate('2026-03-01', '2026-03-02')).toBe(-1)
    expect(weekOfIsoDate('2026-02-23', '2026-03-02')).toBe(-1)
    expect(weekOfIsoDate('2026-02-22', '2026-03-02')).toBe(-2)
    expect(inferYear(1, 15, '2026-11-02')).toBe(2027)
    // Nearest to three months after the start: mid-December is before a March start, October after it.
    expect(inferYear(12, 15, '2026-03-02')).toBe(2025)
    expect(inferYear(10, 1, '2026-03-02')).toBe(2026)
  })

  it('writes [Datum] when the case has no start date', () => {
    expect(anonymiser([], null)('am 03.04.2026 und im Mai 2026')).toBe('am [Datum] und im [Datum]')
  })
})

describe('redactions', () => {
  it('replaces marked text anywhere, case- and spelling-insensitive, placeholders included', () => {
    const run = anonymiser(['Kiosk am Eck', 'Person A trinkt', 'x'])
    expect(run('Jonas trinkt Kaffee im KIOSK AM ECK; x bleibt')).toBe('[geschwärzt] Kaffee im [geschwärzt]; x bleibt')
  })

  it('letters placeholders A to Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(placeholderLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})
