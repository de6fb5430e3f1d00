import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initPlanDoc } from './plan.js'
import {
  AnonymisedMark,
  createSupervisionCopyDoc,
  readSupervisionCopy,
  weekLabel,
  type SupervisionCopyContent,
} from './supervisionCopy.js'

function content(overrides: Partial<SupervisionCopyContent> = {}): SupervisionCopyContent {
  return {
    meta: { title: 'Kassenbereich Supermarkt', caseType: 'retention', currentPhase: 'intervention', durationWeeks: 31, hoursBudget: 120, employer: 'Betrieb A' },
    goals: [
      { id: 'goal-1', title: 'Person A scannt 18 Artikel pro Minute', specific: '', measurable: 'Kassenstatistik', achievable: '', relevant: '', timeBoundWeek: 18, responsible: 'Person A', status: 'open' },
    ],
    participants: [{ id: 'participant-1', placeholder: 'Person A', role: 'Kassierer', organisation: 'Betrieb A' }],
    reviews: { analysis: { 'goal-1': { stillValid: true, attainment: 'open', note: 'Ausgangswert 14' } } },
    meetings: [{ id: 'meeting-1', kind: 'midterm', week: 15, participants: 'Person A, Person B', fragment: 'meeting:meeting-1', outcome: [{ type: 'paragraph', content: [{ type: 'text', text: 'zufrieden', marks: [] }] }] }],
    hoursTotals: { total: 6.75, perPhase: { analysis: 5.5 }, withoutPhase: 1.25 },
    approach: [
      { type: 'heading', level: 3, content: [{ type: 'text', text: 'Vorgehen', marks: [] }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Mit ', marks: [] },
          { type: 'text', text: 'Person A', marks: ['bold'], anonymised: { placeholder: 'Person A', kind: 'person' } },
          { type: 'hardBreak' },
          { type: 'text', text: 'wöchentlich', marks: ['italic'] },
        ],
      },
      { type: 'orderedList', start: 3, items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'eins', marks: [] }] }], []] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zitat', marks: ['code'] }] }] },
      { type: 'horizontalRule' },
    ],
    phaseNotes: { analysis: [], selfIntegration: [], intervention: [], stabilisation: [] },
    ...overrides,
  }
}

describe('supervision copy document', () => {
  it('reads back what it was written from', () => {
    const doc = createSupervisionCopyDoc(content())
    const read = readSupervisionCopy(doc)
    expect(read.ok ? [] : read.issues).toEqual([])
    if (!read.ok) {
      return
    }
    const { approach: _approach, phaseNotes: _phaseNotes, meetings, meta, ...structured } = content()
    expect(read.value).toMatchObject({ ...structured, meta: { ...meta, schemaVersion: 1, kind: 'supervisionCopy' } })
    expect(read.value.meetings).toEqual(meetings.map(({ outcome: _outcome, ...meeting }) => meeting))
  })

  it('writes tiptap rich text with the anonymised mark and no deletions', () => {
    const doc = createSupervisionCopyDoc(content())
    // Yjs's toString writes node names in lower case.
    expect(doc.getXmlFragment('approach').toString()).toBe(
      ('<heading level="3">Vorgehen</heading>' +
        `<paragraph>Mit <${AnonymisedMark} kind="person" placeholder="Person A"><bold>Person A</bold></${AnonymisedMark}><hardBreak></hardBreak><italic>wöchentlich</italic></paragraph>` +
        '<orderedList start="3"><listItem><paragraph>eins</paragraph></listItem><listItem><paragraph></paragraph></listItem></orderedList>' +
        '<blockquote><paragraph><code>Zitat</code></paragraph></blockquote><horizontalRule></horizontalRule>').replace(/<(\/?)(\w+)/g, (_tag, slash: string, name: string) => `<${slash}${name.toLowerCase()}`),
    )
    const heading = doc.getXmlFragment('approach').get(0) as Y.XmlElement
    expect(heading.getAttribute('level')).toBe(3)
    expect(doc.getXmlFragment('meeting:meeting-1').toString()).toBe('<paragraph>zufrieden</paragraph>')
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).ds.clients.size).toBe(0)
  })

  it('explains a document that is not a copy, instead of throwing', () => {
    const empty = readSupervisionCopy(new Y.Doc())
    expect(empty).toMatchObject({ ok: false, reason: 'empty' })

    const plan = new Y.Doc()
    initPlanDoc(plan, { title: 'Plan' })
    // Of the copy's schema version, so the reader gets past the version check to the shape.
    plan.getMap('meta').set('schemaVersion', 1)
    const notACopy = readSupervisionCopy(plan)
    expect(notACopy.ok).toBe(false)
    expect(!notACopy.ok && notACopy.reason).toBe('invalid')
    expect(!notACopy.ok && notACopy.issues.join('\n')).toMatch(/meta\.kind/)

    const newer = createSupervisionCopyDoc(content())
    newer.getMap('meta').set('schemaVersion', 2)
    expect(readSupervisionCopy(newer)).toMatchObject({ ok: false, reason: 'newerSchema' })

    const garbage = new Y.Doc()
    garbage.getMap('meta').set('schemaVersion', 1)
    garbage.getMap('meta').set('kind', 'supervisionCopy')
    garbage.getArray('hoursTotals').push(['x'])
    const read = readSupervisionCopy(garbage)
    expect(read).toMatchObject({ ok: false, reason: 'invalid' })

    const wrongGoal = createSupervisionCopyDoc(content())
    wrongGoal.getArray<Y.Map<unknown>>('goals').get(0).set('status', 'vielleicht')
    const wrong = readSupervisionCopy(wrongGoal)
    expect(!wrong.ok && wrong.issues.join('\n')).toMatch(/goals\.0\.status/)
  })

  it('labels weeks of the case in German', () => {
    expect([5, 1, -1, -3, -52, -53].map(weekLabel)).toEqual(['Woche 5', 'Woche 1', '1 Woche vor Beginn', '3 Wochen vor Beginn', '52 Wochen vor Beginn', 'mehr als ein Jahr vor Beginn'])
  })
})
