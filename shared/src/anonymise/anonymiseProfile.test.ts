import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc } from '../caseDocument/notes.js'
import { addParticipant, initPlanDoc, setPlanMetaField } from '../caseDocument/plan.js'
import { addProfileEntry, emptyProfileEntry, initProfileDoc, setProfileMapText } from '../caseDocument/profile.js'
import { readSupervisionCopy } from '../caseDocument/supervisionCopy.js'
import { anonymiseCase } from './anonymiseCase.js'

const members = [
  { name: 'Miriam Roth', email: 'miriam.roth@ifd-rheinland.example' },
  { name: 'Jonas Peters', email: 'jonas.peters88@web.example' },
]

function sources(): { plan: Y.Doc; notes: Y.Doc; profile: Y.Doc } {
  const plan = new Y.Doc()
  initPlanDoc(plan, { title: 'Kassenbereich Supermarkt' })
  setPlanMetaField(plan, 'startDate', '2026-03-02')
  setPlanMetaField(plan, 'employerName', 'Frischmarkt Nord')
  addParticipant(plan, { id: 'p-jonas', name: 'Jonas Peters', role: 'other', function: 'Kassierer', organisation: 'Frischmarkt Nord' })
  const notes = new Y.Doc()
  initNotesDoc(notes)
  const profile = new Y.Doc()
  initProfileDoc(profile)
  setProfileMapText(profile, 'wishes', 'place', 'gern wieder bei Frischmarkt Nord, Tel. 0202 4711-23')
  setProfileMapText(profile, 'competences', 'strengths', 'Jonas ist zuverlässig und freundlich zu Kundinnen.')
  addProfileEntry(profile, 'career', { ...emptyProfileEntry('career', 'c1'), period: '2014–2020', occupation: 'Lagerhelfer', employer: 'Getränke Becker GmbH' })
  addProfileEntry(profile, 'occupations', { ...emptyProfileEntry('occupations', 'o1'), title: 'Lagerlogistik', why: 'wie früher bei Getränke Becker GmbH' })
  addProfileEntry(profile, 'assessments', {
    ...emptyProfileEntry('assessments', 'a1'),
    source: 'Ergotherapeutin Frau Dr. Kowalczyk',
    date: '2026-03-12',
    text: 'Herr Peters arbeitet sorgfältig, braucht Pausen. Mail: e.kowalczyk@praxis.example',
  })
  return { plan, notes, profile }
}

describe('the occupational profile in a supervision copy (issue 19)', () => {
  it('is copied with every name, employer, address and date replaced', () => {
    const { plan, notes, profile } = sources()
    const copy = anonymiseCase(plan, notes, { members, profile })
    const read = readSupervisionCopy(copy.doc)
    expect(read.ok).toBe(true)
    const copied = read.ok ? read.value.profile : undefined
    expect(copied).toBeDefined()
    const text = JSON.stringify(copied)
    for (const identifier of ['Jonas', 'Peters', 'Frischmarkt', 'Becker', 'Kowalczyk', '4711', 'praxis.example', '2026-03-12']) {
      expect(text).not.toContain(identifier)
    }
    // The same placeholder as in the plan: the employer of the case is Betrieb A everywhere.
    expect(copied?.wishes.place).toContain(copy.content.meta.employer ?? '?')
    expect(copied?.career[0]?.employer).toMatch(/^Organisation [A-Z]$/)
    expect(copied?.occupations[0]?.why).toContain(copied?.career[0]?.employer ?? '?')
    expect(copied?.assessments[0]?.week).toBe(2)
    expect(copied?.competences.strengths).toBe(`${copy.content.participants[0]?.placeholder} ist zuverlässig und freundlich zu Kundinnen.`)
    // The entries' ids stay behind.
    expect(text).not.toContain('"c1"')
    expect(copy.replacements.some((replacement) => replacement.location.type === 'field' && replacement.location.path[0] === 'profile')).toBe(true)
  })

  it('leaves an empty profile out and reads copies made before it', () => {
    const { plan, notes } = sources()
    const empty = new Y.Doc()
    initProfileDoc(empty)
    const withEmpty = readSupervisionCopy(anonymiseCase(plan, notes, { members, profile: empty }).doc)
    const without = readSupervisionCopy(anonymiseCase(plan, notes, { members }).doc)
    expect(withEmpty.ok && withEmpty.value.profile).toBeUndefined()
    expect(without.ok && without.value.profile).toBeUndefined()
  })
})
