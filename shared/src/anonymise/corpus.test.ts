/**
 * The anonymiser on names and places as they occur in German and Swiss
 * coaching notes: Turkish, Polish, Arabic, Russian, Italian, Greek,
 * Vietnamese, Croatian, Romanian, Czech, Hungarian, Portuguese, Nordic and
 * Swiss names with their letters beyond the German umlauts, written in other
 * spellings (upper case, without diacritics, transliterated), inflected, or
 * only with a salutation; districts that are also the first part of a street's
 * name. Every name here is invented.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc, phaseNotes } from '../caseDocument/notes.js'
import { addParticipant, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { anonymiseCase } from './anonymiseCase.js'
import { findHonorificNames } from './honorifics.js'
import { KnownIdentifierDetector, type CaseMember, type ExtraIdentifier } from './identifiers.js'
import { PatternDetector } from './patterns.js'
import { PlaceholderRegistry } from './placeholders.js'
import { RedactionDetector, TextAnonymiser } from './textAnonymiser.js'
import { copyText, paragraph, write } from './testCase.js'
import { foldText, identifierKey } from './text.js'

/** Co-workers and coaches of invented cases (members: name and e-mail). */
const members: CaseMember[] = [
  { name: 'Kübra Kızıltaş', email: 'k.kiziltas@ifd-ruhr.example' },
  { name: 'Łukasz Wróblewski', email: 'lwroblewski@ifd-ruhr.example' },
  { name: 'Małgorzata Szczęsna-Żurawska', email: 'm.szczesna@frischmarkt.example' },
  { name: 'Oğuz Çelikkaya', email: 'oguz.c@frischmarkt.example' },
  { name: 'Nour Al-Haddad', email: 'nour.h@web.example' },
  { name: 'Swetlana Kusnezowa', email: 's.kusnezowa@web.example' },
  { name: 'Gianluca Dell’Acqua', email: 'g.dellacqua@zentrale.example' },
  { name: 'Eleftheria Papadopoulou', email: 'e.papadopoulou@ifd-ruhr.example' },
  { name: 'Nguyễn Thị Hoa', email: 'hoa.nguyen@web.example' },
  { name: 'Reto Brügger', email: 'reto.bruegger@jobcoaching-zh.example' },
  { name: 'Ursina Caflisch', email: 'u.caflisch@jobcoaching-zh.example' },
  { name: 'Dražen Kovačević', email: 'd.kovacevic@lager.example' },
  { name: 'Ștefan Țurcanu', email: 's.turcanu@lager.example' },
  { name: 'Kateřina Dvořáková', email: 'k.dvorakova@web.example' },
  { name: 'Zsófia Szőke', email: 'zs.szoke@web.example' },
  { name: 'João Gonçalves', email: 'joao.g@web.example' },
  { name: 'Søren Ødegård', email: 'soeren.o@web.example' },
  { name: 'Σταύρος Ιωαννίδης', email: 'st.ioannidis@web.example' },
  { name: 'Ольга Воронцова', email: 'olga.v@web.example' },
  { name: 'İlayda Şahin', email: 'ilayda.s@web.example' },
]
const participants = [
  { name: 'Trần Văn Đức', organisation: '' },
  { name: 'Rania El-Masri', organisation: 'Elternverein Kleinhüningen' },
  { name: 'Ueli Aeschbacher', organisation: '' },
  { name: 'Chiara Lo Bianco', organisation: '' },
]
const places: ExtraIdentifier[] = [
  { text: 'Zürich-Altstetten', kind: 'place' },
  { text: 'Winterthur', kind: 'place' },
  { text: 'Bern-Bümpliz', kind: 'place' },
  { text: 'Hannover-Linden', kind: 'place' },
  { text: 'Köln-Ehrenfeld', kind: 'place' },
  { text: 'Hamburg-Altona', kind: 'place' },
  { text: 'Gera', kind: 'place' },
  { text: 'Dortmund-Hörde', kind: 'place' },
]

function anonymiser(redactions: string[] = []): (text: string) => string {
  const registry = new PlaceholderRegistry()
  const known = new KnownIdentifierDetector(registry, { participants, members, extra: places })
  const text = new TextAnonymiser([known, new PatternDetector(registry)], new RedactionDetector(redactions))
  return (input) => text.anonymiseString(input).text
}

/** Every word of the corpus's names and places, folded, that must not stay. */
const secretWords = [...members.map((member) => member.name), ...participants.map((participant) => participant.name), ...places.map((place) => place.text)]
  .flatMap((name) => name.split(/[\s\-’']+/))
  .filter((word) => word.length >= 3 && !['Thị', 'Văn'].includes(word))
  .map(identifierKey)

function leaks(text: string): string[] {
  const words = new Set(foldText(text).text.split(/[^\p{L}]+/u))
  return secretWords.filter((word) => words.has(word))
}

describe('names with letters beyond the German umlauts', () => {
  it('folds spellings of one name to one key', () => {
    expect(identifierKey('KIZILTAŞ')).toBe(identifierKey('Kızıltaş'))
    expect(identifierKey('Kiziltas')).toBe(identifierKey('Kızıltaş'))
    expect(identifierKey('LUKASZ WROBLEWSKI')).toBe(identifierKey('Łukasz Wróblewski'))
    expect(identifierKey('Nguyen Thi Hoa')).toBe(identifierKey('Nguyễn Thị Hoa'))
    expect(identifierKey('ΙΩΑΝΝΙΔΗΣ')).toBe(identifierKey('Ιωαννίδης'))
    expect(identifierKey('SØREN ØDEGÅRD')).toBe(identifierKey('Soeren Oedegard'))
    expect(identifierKey('Stefan Turcanu')).toBe(identifierKey('Ştefan Ţurcanu'))
    expect(identifierKey('ILAYDA SAHIN')).toBe(identifierKey('İlayda Şahin'))
  })

  it.each([
    ['Übergabe an Kübra Kızıltaş.', 'Übergabe an Person E.'],
    ['KIZILTAŞ und Kiziltas, kizıltaş', 'Person E und Person E, Person E'],
    ['Łukasz schreibt, Lukasz schreibt, Wróblewskis Plan, WROBLEWSKI', 'Person F schreibt, Person F schreibt, Person F Plan, Person F'],
    ['Frau Szczęsna-Żurawska, Frau Szczesna, Zurawska', 'Person G, Person G, Person G'],
    ['Oguz Celikkaya, Oğuz, ÇELİKKAYA', 'Person H, Person H, Person H'],
    ['Nour Al-Haddad, Haddad, al-Haddads Notiz', 'Person I, Person I, Person I Notiz'],
    ['Frau Kusnezowa, Swetlana', 'Person J, Person J'],
    ['Dell’Acqua, Dell\'Acqua, Gianluca', 'Person K, Person K, Person K'],
    ['Frau Papadopoulou, ΣΤΑΥΡΟΣ Ιωαννίδης', 'Person L, Person V'],
    ['Nguyen Thi Hoa, Frau Nguyễn, Hoa', 'Person M, Person M, Person M'],
    ['Trần Văn Đức, Herrn Tran, Duc', 'Person A, Person A, Person A'],
    ['Reto Bruegger, Brugger, Ursina Caflisch', 'Person N, Person N, Person O'],
    ['Kovacevic, Dražen, Ştefan Ţurcanu, Turcanu', 'Person P, Person P, Person Q, Person Q'],
    ['Dvořáková, Dvorakova, Zsófia Szőke, Szoke', 'Person R, Person R, Person S, Person S'],
    ['João, Joao Goncalves, SØREN ØDEGÅRD, Soeren Odegard', 'Person T, Person T, Person U, Person U'],
    ['Ольга Воронцова, ВОРОНЦОВА', 'Person W, Person W'],
    ['İlayda, ILAYDA ŞAHIN, Sahin', 'Person X, Person X, Person X'],
    ['Rania El-Masri, Ueli Aeschbacher, Äschbacher, Chiara Lo Bianco, Lo Bianco', 'Person B, Person C, Person C, Person D, Person D'],
  ])('%s', (input, output) => {
    expect(anonymiser()(input)).toBe(output)
  })

  it('keeps ordinary words that merely contain a name', () => {
    expect(anonymiser()('Renovierung, Duckmäuser, Hoagie, Gerade, Bianchi')).toBe('Renovierung, Duckmäuser, Hoagie, Gerade, Bianchi')
  })
})

describe('places', () => {
  it.each([
    ['Sie wohnt in Zürich-Altstetten.', 'Sie wohnt in Ort A.'],
    ['Umzug von Altstetten nach Winterthur; die Winterthurer Filiale', 'Umzug von Ort A nach Ort B; die Ort B Filiale'],
    ['in der Altstetterstrasse, in Zürich', 'in der Ort A, in Ort A'],
    ['Schule in Bümpliz, Bern', 'Schule in Ort C, Ort C'],
    // The district Linden and a street named after it: the whole word goes, never "Ort Dstraße".
    ['wohnt in Linden, Lindenstraße 4 und Lindener Markt', 'wohnt in Ort D, Adresse A und Ort D Markt'],
    ['Praktikum am Ehrenfeldgürtel? Nein: in Ehrenfeld', 'Praktikum am Ehrenfeldgürtel? Nein: in Ort E'],
    ['Altonaer Fischmarkt, Geraer Straße, Hörder Bahnhof', 'Ort F Fischmarkt, Ort G Straße, Hörder Bahnhof'],
  ])('%s', (input, output) => {
    expect(anonymiser()(input)).toBe(output)
  })
})

describe('people named with a salutation only', () => {
  it.each([
    ['Rückmeldung von Herrn Demir', ['Demir']],
    ['Frau Ewa Kowalczyk (Personal) und Hr. Yılmaz', ['Ewa Kowalczyk', 'Yılmaz']],
    ['Fr. Dr. Haddad, Herrn Prof. Dr. Lindqvist, Dr. med. Ayşe Doğan', ['Haddad', 'Lindqvist', 'Ayşe Doğan']],
    ['Frau de Luca von der Zentrale, Herrn Demir von Frischmarkt', ['de Luca', 'Demir']],
    ['Frau Kollegin, Herr Schichtleiter, seine frau Elif', []],
    ['Herrn Bianchi Bescheid geben', ['Bianchi']],
  ])('%s', (input, names) => {
    expect(findHonorificNames(input).map((found) => found.name)).toEqual(names)
  })
})

describe('redactions', () => {
  it('black out whole words, never a part of one', () => {
    const run = anonymiser(['Kasse', 'Ali', 'Früh'])
    expect(run('Im Kassenbereich an der Kasse; Alina und Ali; Frühschicht')).toBe('Im [geschwärzt] an der [geschwärzt]; Alina und [geschwärzt]; [geschwärzt]')
    expect(run('Hauptkasse 3, Qualität')).toBe('[geschwärzt] 3, Qualität')
  })
})

describe('a case with such names (Fall Kassenbereich Winterthur)', () => {
  function swissCase(): { plan: Y.Doc; notes: Y.Doc } {
    const plan = new Y.Doc()
    initPlanDoc(plan, { title: 'Fall Kübra Kızıltaş, Winterthur' })
    setPlanMetaField(plan, 'startDate', '2026-03-02')
    setPlanMetaField(plan, 'employerName', 'Frischmarkt Grüze AG')
    addParticipant(plan, { id: 'p1', name: 'Kübra Kızıltaş', role: 'other', function: 'Coachee', organisation: '' })
    const notes = new Y.Doc()
    initNotesDoc(notes)
    write(
      phaseNotes(notes, 'analysis'),
      paragraph('KIZILTAŞ arbeitet im Kassenbereich; Einarbeitung durch Herrn Bogdanović (Schichtleitung).'),
      paragraph('Bogdanović meint, Kızıltaşs Tempo reicht. Frau Thanh Huong Lê übernimmt die Frühschicht.'),
      paragraph('Wohnt in Oberwinterthur, nahe der Lindenstrasse; Huong kennt Łukasz Wróblewski.'),
    )
    return { plan, notes }
  }

  it('replaces the co-worker, the people named with a salutation and the places, and redacts whole words', () => {
    const { plan, notes } = swissCase()
    const { doc, legend } = anonymiseCase(plan, notes, {
      members: [{ name: 'Łukasz Wróblewski', email: 'lw@ifd.example' }],
      extraIdentifiers: [{ text: 'Winterthur', kind: 'place' }, { text: 'Oberwinterthur', kind: 'place' }, { text: 'Linden', kind: 'place' }],
      redactions: ['Kasse'],
    })
    const text = copyText(doc).replace(/<[^>]+>/g, '')
    expect(text).not.toMatch(/Bogdanovi|Thanh|Huong|Kızıltaş|KIZILTA|Wróblewski|Łukasz|winterthur|Linden|nbereich/i)
    expect(text).toContain('Person A arbeitet im [geschwärzt]; Einarbeitung durch Person C (Schichtleitung).')
    expect(text).toContain('Person C meint, Person A Tempo reicht. Person D übernimmt die Frühschicht.')
    expect(legend.filter((entry) => entry.kind === 'person').map((entry) => entry.identifier)).toEqual(['Kübra Kızıltaş', 'Łukasz Wróblewski', 'Bogdanović', 'Thanh Huong Lê'])
  })

  it('leaves no word of the corpus in a text that uses them all', () => {
    const all = [...members.map((member) => member.name), ...participants.map((participant) => participant.name), ...places.map((place) => place.text)].join(', ')
    expect(leaks(all).length).toBeGreaterThan(40)
    expect(leaks(anonymiser()(all))).toEqual([])
  })
})
