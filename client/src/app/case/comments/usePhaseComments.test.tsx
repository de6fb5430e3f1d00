// @vitest-environment jsdom
import { act, createElement } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initNotesDoc } from '../../../../../shared/src/caseDocument/notes.js'
import { anchorInText, encodeAnchor } from '../../../../../shared/src/comments/anchor.js'
import { addComment, addReply, setResolved } from '../../../../../shared/src/comments/thread.js'
import { mountedRoot } from '../../../testing/mountedRoot.js'
import { usePhaseComments } from './usePhaseComments.js'

const at = '2026-03-05T09:30:00.000Z'

/** A notes doc whose analysis note has two paragraphs, with a comment on "Check-in" in the first. */
function commentedNotes(): { doc: Y.Doc; first: Y.XmlText; second: Y.XmlText } {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  const texts = ['Check-in mit Herrn Demir klappt.', 'Pausen allein im Aufenthaltsraum.'].map((text) => {
    const paragraph = new Y.XmlElement('paragraph')
    const node = new Y.XmlText(text)
    paragraph.insert(0, [node])
    doc.getXmlFragment('phase:analysis').push([paragraph])
    return node
  })
  const [first, second] = texts as [Y.XmlText, Y.XmlText]
  addComment(doc, { id: 'c1', authorId: 'miriam', createdAt: at, text: 'Seit wann?', anchor: encodeAnchor(anchorInText('analysis', first, 0, 8, 'Check-in')) })
  return { doc, first, second }
}

describe('usePhaseComments', () => {
  const mounted = mountedRoot()
  let renders = 0
  let shown: string[] = []

  function List({ doc }: { doc: Y.Doc }) {
    renders += 1
    shown = usePhaseComments(doc, 'analysis').map(
      (comment) => `${comment.id}:${comment.position.status === 'attached' ? comment.position.text : 'weg'}:${comment.resolved ? 'erledigt' : 'offen'}:${comment.replies.length}`,
    )
    return null
  }

  beforeEach(() => {
    renders = 0
  })

  it('renders the list again only when something it shows changes, not for typing elsewhere in the note', async () => {
    const { doc, first, second } = commentedNotes()
    await mounted.render(createElement(List, { doc }))
    expect(shown).toEqual(['c1:Check-in:offen:0'])
    const settled = renders

    act(() => {
      for (const letter of 'Sie holt ihn ab.') {
        second.insert(second.length, letter)
      }
      // Before the comment: its position moves, its text does not change.
      first.insert(0, 'Der ')
    })
    expect(renders).toBe(settled)

    act(() => first.insert(9, 'X'))
    expect(shown).toEqual(['c1:CheckX-in:offen:0'])
    act(() => setResolved(doc, 'c1', true))
    expect(shown).toEqual(['c1:CheckX-in:erledigt:0'])
    act(() => void addReply(doc, 'c1', { id: 'r1', authorId: 'jonas', createdAt: at, text: 'Seit März' }))
    expect(shown).toEqual(['c1:CheckX-in:erledigt:1'])
    act(() => first.delete(4, 9))
    expect(shown).toEqual(['c1:weg:erledigt:1'])
    expect(renders).toBe(settled + 4)
  })

  it('shows a comment added by the other coach and leaves out those of other phases', async () => {
    const { doc } = commentedNotes()
    await mounted.render(createElement(List, { doc }))
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const otherSecond = (other.getXmlFragment('phase:analysis').get(1) as Y.XmlElement).get(0) as Y.XmlText
    addComment(other, { id: 'c2', authorId: 'jonas', createdAt: at, text: 'Allein?', anchor: encodeAnchor(anchorInText('analysis', otherSecond, 0, 6, 'Pausen')) })
    const laterText = new Y.XmlText('Stabil seit Mai.')
    const later = new Y.XmlElement('paragraph')
    later.insert(0, [laterText])
    other.getXmlFragment('phase:stabilisation').push([later])
    addComment(other, { id: 'c3', authorId: 'jonas', createdAt: at, text: 'Später', anchor: encodeAnchor(anchorInText('stabilisation', laterText, 0, 6, 'Stabil')) })
    act(() => Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc))))
    expect(shown).toEqual(['c1:Check-in:offen:0', 'c2:Pausen:offen:0'])
  })
})
