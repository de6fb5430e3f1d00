import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { accessTo } from '../policy/access.js'
import { mayEditProfileRoot } from '../policy/documentEdits.js'
import { formatRoomName, parseRoomName } from '../protocol/roomName.js'
import { applyAndCheckUpdate, type UpdateRefusal } from './checkUpdate.js'
import { MetaMapName } from './common.js'
import { addProfileEntry, emptyProfileEntry, initProfileDoc, profileList, profileMapText, readProfile, setProfileEntryField, setProfileMapText } from './profile.js'
import type { Role } from '../policy/access.js'

function seeded(): Y.Doc {
  const doc = new Y.Doc()
  initProfileDoc(doc)
  return doc
}

/** Judges what `edit` by `role` does to a seeded profile room, as the relay does (client replica -> update -> scratch). */
function judge(role: Role, edit: (client: Y.Doc) => void, room: Y.Doc = seeded()): UpdateRefusal | null {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const before = Y.encodeStateVector(client)
  edit(client)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, before), { kind: 'profile', role })
}

describe('occupational profile document (issue 19, A2/A3)', () => {
  it('is a room of its own per case in the room grammar', () => {
    expect(parseRoomName('cases/AAAAAAAAAAAAAAAAAAAAAA/profile')).toEqual({ kind: 'profile', caseId: 'AAAAAAAAAAAAAAAAAAAAAA' })
    expect(formatRoomName({ kind: 'profile', caseId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toBe('cases/AAAAAAAAAAAAAAAAAAAAAA/profile')
    expect(parseRoomName('cases/AAAAAAAAAAAAAAAAAAAAAA/profile/x')).toBeNull()
  })

  it('reads a seeded profile with every wish and competence as an empty merging text', () => {
    const doc = seeded()
    const result = readProfile(doc)
    expect(result.ok).toBe(true)
    expect(profileMapText(doc, 'wishes', 'wage')).toBeInstanceOf(Y.Text)
    expect(result.ok && result.value.wishes.wage).toBe('')
  })

  it('keeps what two people type into the same field at once', () => {
    const a = seeded()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setProfileMapText(a, 'competences', 'strengths', 'zuverlässig')
    setProfileMapText(b, 'competences', 'strengths', 'freundlich')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const merged = profileMapText(a, 'competences', 'strengths')?.toString() ?? ''
    expect(merged).toContain('zuverlässig')
    expect(merged).toContain('freundlich')
    expect(profileMapText(b, 'competences', 'strengths')?.toString()).toBe(merged)
  })

  it('explains a profile of a newer schema or with a plain string where a text belongs, instead of crashing', () => {
    const newer = seeded()
    newer.getMap(MetaMapName).set('schemaVersion', 99)
    expect(readProfile(newer)).toMatchObject({ ok: false, reason: 'newerSchema' })
    const broken = seeded()
    broken.getMap('wishes').set('wage', 'plain string')
    expect(readProfile(broken)).toMatchObject({ ok: false, reason: 'invalid' })
  })

  it('opens to coaches and the coachee for writing, never to employer, guardian or supervisor', () => {
    expect(accessTo('profile', 'coach')).toBe('write')
    expect(accessTo('profile', 'coachee')).toBe('write')
    expect(accessTo('profile', 'employer', { employerCanEdit: true, hasActiveConsent: true })).toBe('none')
    expect(accessTo('profile', 'guardian')).toBe('none')
    expect(accessTo('profile', 'supervisor')).toBe('none')
    expect(accessTo('profile', 'coachee', { caseClosed: true })).toBe('read')
  })

  it('lets the coachee change their wishes, the competences and the occupations, not the coaches’ parts', () => {
    expect(['wishes', 'competences', 'occupations'].every((root) => mayEditProfileRoot('coachee', root))).toBe(true)
    expect(['career', 'actionPlan', 'assessments', MetaMapName].some((root) => mayEditProfileRoot('coachee', root))).toBe(false)
    expect(['wishes', 'career', 'actionPlan', 'competences', 'occupations', 'assessments'].every((root) => mayEditProfileRoot('coach', root))).toBe(true)
  })

  it('accepts the coachee’s own words and refuses their change of an expert’s assessment', () => {
    expect(judge('coachee', (doc) => setProfileMapText(doc, 'wishes', 'place', 'in Winterthur'))).toBeNull()
    expect(judge('coachee', (doc) => addProfileEntry(doc, 'occupations', { ...emptyProfileEntry('occupations', 'o1'), title: 'Logistiker' }))).toBeNull()
    expect(judge('coachee', (doc) => addProfileEntry(doc, 'assessments', { ...emptyProfileEntry('assessments', 'a1'), text: 'alles gut' }))).toMatchObject({
      reason: 'forbidden',
    })
    expect(judge('coachee', (doc) => addProfileEntry(doc, 'career', emptyProfileEntry('career', 'c1')))).toMatchObject({ reason: 'forbidden' })
  })

  it('refuses what the schema does not name, a wrong enum, a schema version change, and a plain string for a text', () => {
    expect(judge('coach', (doc) => doc.getMap('diagnosis').set('x', 'y'))).toMatchObject({ reason: 'unknownRoot' })
    const room = seeded()
    addProfileEntry(room, 'actionPlan', emptyProfileEntry('actionPlan', 'g1'))
    expect(judge('coach', (doc) => setProfileEntryField(doc, 'actionPlan', 'g1', 'horizon', 'someday'), room)).toMatchObject({ reason: 'invalid' })
    expect(judge('coach', (doc) => setProfileEntryField(doc, 'actionPlan', 'g1', 'horizon', 'long'), room)).toBeNull()
    expect(judge('coach', (doc) => doc.getMap(MetaMapName).set('schemaVersion', 2))).toMatchObject({ reason: 'schemaVersion' })
    expect(judge('coach', (doc) => doc.getMap('wishes').set('wage', 'CHF 4200'))).toMatchObject({ reason: 'invalid' })
    expect(judge('coach', (doc) => doc.getMap('wishes').set('salaryHidden', new Y.Text('x')))).toMatchObject({ reason: 'invalid' })
    expect(profileList(room, 'actionPlan').length).toBe(1)
  })
})
