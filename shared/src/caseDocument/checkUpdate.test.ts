import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '../policy/access.js'
import type { RoomKind } from '../protocol/roomName.js'
import { applyAndCheckUpdate, type UpdateRefusal } from './checkUpdate.js'
import { MetaMapName } from './common.js'
import { initConfidentialDoc, type ConfidentialField } from './confidential.js'
import { initNotesDoc, phaseNotes } from './notes.js'
import {
  addGoal,
  addParticipant,
  emptyGoal,
  findGoalMap,
  initPlanDoc,
  planApproach,
  planGoals,
  planMeta,
  planMetaText,
  setGoalField,
  setPlanMetaField,
} from './plan.js'
import { textIn } from './textFields.js'

/** A v2 plan as the server seeds it, with one goal and one participant. */
function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Einarbeitung Lager' })
  addGoal(doc, { ...emptyGoal('g1'), title: 'Kommissionieren' })
  addParticipant(doc, { id: 'p1', name: 'Herr Brandt', role: 'other', function: 'Vorarbeiter', organisation: 'Getränke Nord' })
  return doc
}

function notesDoc(): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  return doc
}

function confidentialDoc(field: ConfidentialField): Y.Doc {
  const doc = new Y.Doc()
  initConfidentialDoc(doc, field)
  return doc
}

interface Writer {
  kind: RoomKind
  role: Role
  field?: ConfidentialField
}

/**
 * Judges what `edit` does: the edit runs on a client replica of `room`, its
 * update is applied to a scratch replica, as the relay does.
 */
function judge(room: Y.Doc, writer: Writer, edit: (client: Y.Doc) => void): UpdateRefusal | null {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room))
  const before = Y.encodeStateVector(client)
  edit(client)
  const update = Y.encodeStateAsUpdate(client, before)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
  return applyAndCheckUpdate(scratch, update, writer)
}

/** Judges an update of a fresh document (its own roots, nothing of the room's). */
function judgeFresh(room: Y.Doc, writer: Writer, write: (fresh: Y.Doc) => void): UpdateRefusal | null {
  const fresh = new Y.Doc()
  write(fresh)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room))
  return applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(fresh), writer)
}

const coachOnPlan: Writer = { kind: 'plan', role: 'coach' }
const employerOnPlan: Writer = { kind: 'plan', role: 'employer' }

describe('applyAndCheckUpdate: schema refusals', () => {
  it('refuses a root the schema does not name, in every writable room kind', () => {
    expect(judge(planDoc(), coachOnPlan, (c) => c.getText('t').insert(0, 'x'))?.reason).toBe('unknownRoot')
    expect(judge(notesDoc(), { kind: 'notes', role: 'coach' }, (c) => c.getArray('bench').push(['x']))?.reason).toBe('unknownRoot')
    expect(judge(notesDoc(), { kind: 'notes', role: 'coach' }, (c) => c.getXmlFragment('phase:holiday').insert(0, [new Y.XmlText('x')]))?.reason).toBe('unknownRoot')
    const field: Writer = { kind: 'confidential', role: 'coach', field: 'diagnosis' }
    expect(judge(confidentialDoc('diagnosis'), field, (c) => c.getMap('extra').set('a', 1))?.reason).toBe('unknownRoot')
    expect(judge(new Y.Doc(), { kind: 'supervisionDiscussion', role: 'supervisor' }, (c) => c.getMap('meta').set('a', 1))?.reason).toBe('unknownRoot')
  })

  it('refuses any write to a supervision copy (written by the server only)', () => {
    const copy = new Y.Doc()
    expect(judge(copy, { kind: 'supervisionCopy', role: 'supervisor' }, (c) => c.getXmlFragment('approach').insert(0, [new Y.XmlText('x')]))?.reason).toBe('unknownRoot')
  })

  it('refuses a root of the wrong Yjs type (list content in the meta map, keys in the goals array)', () => {
    expect(judgeFresh(planDoc(), coachOnPlan, (f) => f.getArray(MetaMapName).push(['x']))).toMatchObject({ reason: 'invalid' })
    expect(judgeFresh(planDoc(), coachOnPlan, (f) => f.getMap('goals').set('g1', 'x'))).toMatchObject({ reason: 'invalid' })
    expect(judgeFresh(notesDoc(), { kind: 'notes', role: 'coach' }, (f) => f.getMap('phase:analysis').set('a', 1))).toMatchObject({ reason: 'invalid' })
  })

  it('refuses a change of meta.schemaVersion, also from a coach and also to the current value', () => {
    expect(judge(planDoc(), coachOnPlan, (c) => planMeta(c).set('schemaVersion', 99))?.reason).toBe('schemaVersion')
    expect(judge(planDoc(), coachOnPlan, (c) => planMeta(c).set('schemaVersion', 2))?.reason).toBe('schemaVersion')
    expect(judge(notesDoc(), { kind: 'notes', role: 'coach' }, (c) => c.getMap(MetaMapName).delete('schemaVersion'))?.reason).toBe('schemaVersion')
  })

  it('refuses a plain string where schema v2 has a Y.Text (an older app writing v1 shapes)', () => {
    expect(judge(planDoc(), coachOnPlan, (c) => findGoalMap(c, 'g1')?.set('title', 'Kommissionieren allein'))).toMatchObject({ reason: 'invalid' })
    expect(judge(planDoc(), coachOnPlan, (c) => planMeta(c).set('title', 'Neuer Titel'))).toMatchObject({ reason: 'invalid' })
    expect(
      judge(planDoc(), coachOnPlan, (c) => {
        const goal = new Y.Map<unknown>()
        for (const [key, value] of Object.entries(emptyGoal('g2'))) {
          goal.set(key, value)
        }
        planGoals(c).push([goal])
      }),
    ).toMatchObject({ reason: 'invalid' })
  })

  it('refuses values the zod schemas reject', () => {
    const invalid = [
      (c: Y.Doc) => setGoalField(c, 'g1', 'status', 'done' as never),
      (c: Y.Doc) => setGoalField(c, 'g1', 'timeBound', 'bald'),
      (c: Y.Doc) => planMeta(c).set('currentPhase', 'holidays'),
      (c: Y.Doc) => planMeta(c).set('hoursBudget', -5),
      (c: Y.Doc) => planMeta(c).set('startDate', '31.02.2026'),
      (c: Y.Doc) => planGoals(c).push([new Y.Map<unknown>()]),
      (c: Y.Doc) => planGoals(c).insert(0, ['kein Ziel' as unknown as Y.Map<unknown>]),
    ]
    for (const edit of invalid) {
      expect(judge(planDoc(), coachOnPlan, edit)).toMatchObject({ reason: 'invalid' })
    }
    const notes: Writer = { kind: 'notes', role: 'coach' }
    expect(judge(notesDoc(), notes, (c) => c.getArray('hours').push([{ id: 'h1', date: '2026-03-02', hours: 30, activity: 'x', coachId: 'c' }]))).toMatchObject({
      reason: 'invalid',
    })
  })

  it('refuses values over a limit (title length, text length, number of goals, hours budget)', () => {
    expect(judge(planDoc(), coachOnPlan, (c) => setPlanMetaField(c, 'title', 'x'.repeat(201)))).toMatchObject({ reason: 'invalid' })
    expect(judge(planDoc(), coachOnPlan, (c) => setGoalField(c, 'g1', 'measurable', 'x'.repeat(2_001)))).toMatchObject({ reason: 'invalid' })
    expect(judge(planDoc(), coachOnPlan, (c) => planMeta(c).set('hoursBudget', 10_001))).toMatchObject({ reason: 'invalid' })
    expect(
      judge(planDoc(), coachOnPlan, (c) => {
        for (let i = 2; i <= 101; i++) {
          addGoal(c, emptyGoal(`g${i}`))
        }
      }),
    ).toMatchObject({ reason: 'invalid' })
  })

  it('accepts ordinary edits, also up to the limits', () => {
    expect(judge(planDoc(), coachOnPlan, (c) => setPlanMetaField(c, 'title', 'x'.repeat(200)))).toBeNull()
    expect(judge(planDoc(), coachOnPlan, (c) => goalTextOf(c, 'g1', 'title').insert(0, 'Selbstständig '))).toBeNull()
    expect(judge(planDoc(), coachOnPlan, (c) => addGoal(c, emptyGoal('g2')))).toBeNull()
    expect(judge(notesDoc(), { kind: 'notes', role: 'coach' }, (c) => phaseNotes(c, 'analysis').insert(0, [new Y.XmlText('Notiz')]))).toBeNull()
    expect(judge(notesDoc(), { kind: 'notes', role: 'coach' }, (c) => c.getXmlFragment('meeting:m1').insert(0, [new Y.XmlText('Ergebnis')]))).toBeNull()
  })

  it('judges only touched roots: a document broken before still takes unrelated edits', () => {
    const broken = planDoc()
    findGoalMap(broken, 'g1')?.set('status', 'done')
    expect(judge(broken, coachOnPlan, (c) => planApproach(c).insert(0, [new Y.XmlText('Vorgehen')]))).toBeNull()
    expect(judge(broken, coachOnPlan, (c) => setPlanMetaField(c, 'workplace', 'Halle 3'))).toBeNull()
    expect(judge(broken, coachOnPlan, (c) => setGoalField(c, 'g1', 'title', 'anders'))).toMatchObject({ reason: 'invalid' })
  })
})

function goalTextOf(doc: Y.Doc, goalId: string, key: 'title' | 'specific'): Y.Text {
  const text = textIn(findGoalMap(doc, goalId) as Y.Map<unknown>, key)
  if (!text) {
    throw new Error('no text')
  }
  return text
}

describe('applyAndCheckUpdate: role narrowing (contract §8.2)', () => {
  it('refuses an employer changing the title, the dates, the hours budget or the phase', () => {
    const forbidden: Array<[string, (c: Y.Doc) => void]> = [
      ['meta.title', (c) => planMetaText(c, 'title')?.insert(0, 'Neu: ')],
      ['meta.startDate', (c) => setPlanMetaField(c, 'startDate', '2026-04-01')],
      ['meta.expectedEndDate', (c) => setPlanMetaField(c, 'expectedEndDate', '2026-12-31')],
      ['meta.hoursBudget', (c) => setPlanMetaField(c, 'hoursBudget', 200)],
      ['meta.currentPhase', (c) => setPlanMetaField(c, 'currentPhase', 'intervention')],
    ]
    for (const [place, edit] of forbidden) {
      const refusal = judge(planDoc(), employerOnPlan, edit)
      expect(refusal, place).toEqual({ reason: 'forbidden', detail: `a employer may not change ${place}` })
    }
  })

  it('lets an employer change goals (every field), the approach, participants, employerName and workplace', () => {
    const allowed: Array<(c: Y.Doc) => void> = [
      (c) => goalTextOf(c, 'g1', 'specific').insert(0, 'Aufträge '),
      (c) => setGoalField(c, 'g1', 'timeBound', '2026-07-31'),
      (c) => setGoalField(c, 'g1', 'status', 'achieved'),
      (c) => addGoal(c, emptyGoal('g2')),
      (c) => planGoals(c).delete(0, 1),
      (c) => planApproach(c).insert(0, [new Y.XmlText('Einarbeitung durch den Vorarbeiter')]),
      (c) => addParticipant(c, { id: 'p2', name: 'Frau Öz', role: 'other', function: 'Personal', organisation: 'Getränke Nord' }),
      (c) => setPlanMetaField(c, 'employerName', 'Getränke Nord GmbH & Co. KG'),
      (c) => setPlanMetaField(c, 'workplace', 'Lager, Halle 3'),
    ]
    for (const edit of allowed) {
      expect(judge(planDoc(), employerOnPlan, edit)).toBeNull()
    }
  })

  it('refuses an employer edit that mixes an allowed and a forbidden change as a whole', () => {
    const refusal = judge(planDoc(), employerOnPlan, (c) => {
      setPlanMetaField(c, 'workplace', 'Halle 3')
      setPlanMetaField(c, 'hoursBudget', 500)
    })
    expect(refusal?.reason).toBe('forbidden')
  })

  it('lets a coach write every plan field', () => {
    const edits: Array<(c: Y.Doc) => void> = [
      (c) => planMetaText(c, 'title')?.insert(0, 'Neu: '),
      (c) => setPlanMetaField(c, 'startDate', '2026-04-01'),
      (c) => setPlanMetaField(c, 'expectedEndDate', '2026-12-31'),
      (c) => setPlanMetaField(c, 'hoursBudget', 200),
      (c) => setPlanMetaField(c, 'currentPhase', 'intervention'),
      (c) => setPlanMetaField(c, 'employerName', 'Getränke Nord GmbH'),
      (c) => setGoalField(c, 'g1', 'title', 'Kommissionieren allein'),
    ]
    for (const edit of edits) {
      expect(judge(planDoc(), coachOnPlan, edit)).toBeNull()
    }
  })
})

describe('applyAndCheckUpdate: confidential rooms', () => {
  const writer: Writer = { kind: 'confidential', role: 'coach', field: 'diagnosis' }

  it('accepts content edits of the field', () => {
    expect(judge(confidentialDoc('diagnosis'), writer, (c) => c.getXmlFragment('content').insert(0, [new Y.XmlText('F84.5')]))).toBeNull()
  })

  it('refuses a meta.field that does not name the room', () => {
    expect(judge(confidentialDoc('diagnosis'), writer, (c) => c.getMap(MetaMapName).set('field', 'medication'))).toMatchObject({ reason: 'invalid' })
  })

  it('refuses a client seeding an empty room (the server seeds every room)', () => {
    expect(judgeFresh(new Y.Doc(), writer, (f) => initConfidentialDoc(f, 'diagnosis'))?.reason).toBe('schemaVersion')
    expect(judgeFresh(new Y.Doc(), coachOnPlan, (f) => initPlanDoc(f, { title: 'Selbst angelegt' }))?.reason).toBe('schemaVersion')
  })
})
