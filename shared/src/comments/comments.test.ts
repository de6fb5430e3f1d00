import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc, readNotes } from '../caseDocument/notes.js'
import {
  anchorInText,
  decodeAnchor,
  encodeAnchor,
  MaxAnchorLength,
  MaxQuoteLength,
  resolveAnchor,
  stickInward,
} from './anchor.js'
import { textNodesOf } from '../richText/textNodes.js'
import { addComment, addReply, commentsArray, readComments, removeComment, setResolved } from './thread.js'

/** A notes doc whose analysis note is one paragraph per given text. */
function notesWith(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc()
  initNotesDoc(doc)
  const fragment = doc.getXmlFragment('phase:analysis')
  for (const text of paragraphs) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    fragment.push([paragraph])
  }
  return doc
}

function firstText(doc: Y.Doc, phase = 'analysis'): Y.XmlText {
  return textNodesOf(doc.getXmlFragment(`phase:${phase}`))[0] as Y.XmlText
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

const at = '2026-03-05T09:30:00.000Z'

describe('comment anchors', () => {
  it('encodes to JSON within the schema limit and decodes back to the same text', () => {
    const doc = notesWith('Jonas scannt 14 Artikel pro Minute.')
    const anchor = anchorInText('analysis', firstText(doc), 13, 15, '14')
    const encoded = encodeAnchor(anchor)
    expect(encoded.length).toBeLessThanOrEqual(MaxAnchorLength)
    expect(JSON.parse(encoded)).toMatchObject({ v: 1, phase: 'analysis', quote: '14' })
    const decoded = decodeAnchor(encoded)
    expect(decoded).not.toBeNull()
    expect(resolveAnchor(doc, decoded!)).toMatchObject({ status: 'attached', text: '14' })
  })

  it('keeps a long quote short and the anchor within 1,000 characters', () => {
    const long = '„Zitat“ mit "Anführungszeichen" \\ '.repeat(100)
    const doc = notesWith(long)
    const encoded = encodeAnchor(anchorInText('analysis', firstText(doc), 0, long.length, long))
    expect(encoded.length).toBeLessThanOrEqual(MaxAnchorLength)
    expect(decodeAnchor(encoded)?.quote?.length).toBeLessThanOrEqual(MaxQuoteLength)
  })

  it('reads garbage as no anchor instead of throwing', () => {
    for (const bad of ['', 'not json', '{"v":1}', '{"v":1,"phase":"analysis","start":"!!","end":"??"}', 'AAEC', '{"v":2}']) {
      expect(decodeAnchor(bad)).toBeNull()
    }
  })

  it('survives concurrent inserts before it by another replica', () => {
    const mine = notesWith('Kassenabrechnung: Fehler beim Zählen.')
    const theirs = new Y.Doc()
    sync(mine, theirs)
    // I comment on "Fehler" (18..24) while the other coach types before it, offline.
    const encoded = encodeAnchor(anchorInText('analysis', firstText(mine), 18, 24, 'Fehler'))
    firstText(theirs).insert(0, 'Schicht 3: ')
    firstText(theirs).insert(11 + 17, ' viele')
    // And a whole new paragraph before it.
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Neuer Absatz davor.')])
    theirs.getXmlFragment('phase:analysis').insert(0, [paragraph])
    sync(mine, theirs)
    for (const doc of [mine, theirs]) {
      expect(resolveAnchor(doc, decodeAnchor(encoded)!)).toMatchObject({ status: 'attached', text: 'Fehler' })
    }
    expect(textNodesOf(theirs.getXmlFragment('phase:analysis'))[1]?.toString()).toBe('Schicht 3: Kassenabrechnung: viele Fehler beim Zählen.')
  })

  it('does not widen when text is typed right before or right after the range', () => {
    const doc = notesWith('aa Fehler bb')
    const anchor = anchorInText('analysis', firstText(doc), 3, 9)
    firstText(doc).insert(3, 'XX')
    firstText(doc).insert(11, 'YY')
    expect(resolveAnchor(doc, anchor)).toMatchObject({ status: 'attached', text: 'Fehler' })
  })

  it('grows with text typed inside the range', () => {
    const doc = notesWith('Fehler beim Zählen')
    const anchor = anchorInText('analysis', firstText(doc), 0, 18)
    firstText(doc).insert(7, 'oft ')
    expect(resolveAnchor(doc, anchor)).toMatchObject({ status: 'attached', text: 'Fehler oft beim Zählen' })
  })

  it('spans paragraphs', () => {
    const doc = notesWith('erster Absatz', 'zweiter Absatz')
    const [first, second] = textNodesOf(doc.getXmlFragment('phase:analysis'))
    const anchor = {
      phase: 'analysis' as const,
      start: Y.createRelativePositionFromTypeIndex(first!, 7, 0),
      end: Y.createRelativePositionFromTypeIndex(second!, 7, -1),
    }
    expect(resolveAnchor(doc, anchor)).toMatchObject({ status: 'attached', text: 'Absatz\nzweiter' })
  })

  it('spans list items and skips deleted paragraphs between its ends; an end before its start is detached', () => {
    const doc = notesWith('vorher', 'gelöscht', 'danach')
    const fragment = doc.getXmlFragment('phase:analysis')
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    const inItem = new Y.XmlElement('paragraph')
    inItem.insert(0, [new Y.XmlText('Punkt eins')])
    item.insert(0, [inItem])
    list.insert(0, [item])
    fragment.insert(1, [list])
    const [before, , removed, after] = textNodesOf(fragment)
    expect(removed?.toString()).toBe('gelöscht')
    fragment.delete(2, 1)
    const across = { phase: 'analysis' as const, start: Y.createRelativePositionFromTypeIndex(before!, 3, 0), end: Y.createRelativePositionFromTypeIndex(after!, 3, -1) }
    expect(resolveAnchor(doc, across)).toMatchObject({ status: 'attached', text: 'her\nPunkt eins\ndan' })
    const backwards = { phase: 'analysis' as const, start: Y.createRelativePositionFromTypeIndex(after!, 1, 0), end: Y.createRelativePositionFromTypeIndex(before!, 3, -1) }
    expect(resolveAnchor(doc, backwards)).toEqual({ status: 'detached' })
  })

  it('reports a comment whose text another replica deleted as detached, not a crash', () => {
    const mine = notesWith('Bitte keine Frühschicht vor 8 Uhr.')
    const theirs = new Y.Doc()
    sync(mine, theirs)
    const doc = mine
    addComment(doc, {
      id: 'c1',
      authorId: 'miriam',
      createdAt: at,
      text: 'Mit Frau Lange klären',
      anchor: encodeAnchor(anchorInText('analysis', firstText(mine), 12, 23, 'Frühschicht')),
    })
    firstText(theirs).delete(6, 20)
    sync(mine, theirs)
    const [comment] = readComments(theirs)
    expect(comment).toMatchObject({ id: 'c1', position: { status: 'detached' } })
    expect(comment?.anchor?.quote).toBe('Frühschicht')
  })

  it('reports detached when the whole paragraph is removed', () => {
    const doc = notesWith('weg damit', 'bleibt')
    const anchor = anchorInText('analysis', firstText(doc), 0, 4)
    doc.getXmlFragment('phase:analysis').delete(0, 1)
    expect(resolveAnchor(doc, anchor)).toEqual({ status: 'detached' })
  })

  it('reports detached for an anchor into another phase, or into a doc that lacks it', () => {
    const doc = notesWith('Analyse')
    const anchor = anchorInText('analysis', firstText(doc), 0, 3)
    expect(resolveAnchor(doc, { ...anchor, phase: 'intervention' })).toEqual({ status: 'detached' })
    expect(resolveAnchor(new Y.Doc(), anchor)).toEqual({ status: 'detached' })
  })

  it('re-associates positions inward (as the editor makes them, assoc -1)', () => {
    const doc = notesWith('aa Fehler bb')
    const text = firstText(doc)
    const start = stickInward(doc, Y.createRelativePositionFromTypeIndex(text, 3, -1), 'start')
    const end = stickInward(doc, Y.createRelativePositionFromTypeIndex(text, 9, -1), 'end')
    text.insert(3, 'XX')
    expect(resolveAnchor(doc, { phase: 'analysis', start, end })).toMatchObject({ text: 'Fehler' })
  })
})

describe('comment threads', () => {
  function withComment(): { doc: Y.Doc; anchor: string } {
    const doc = notesWith('Check-in mit Herrn Demir klappt.')
    const anchor = encodeAnchor(anchorInText('analysis', firstText(doc), 0, 8, 'Check-in'))
    addComment(doc, { id: 'c1', authorId: 'miriam', authorName: 'Miriam Roth', createdAt: at, text: '  Seit wann?  ', anchor })
    return { doc, anchor }
  }

  it('adds a comment that the notes schema reads', () => {
    const { doc, anchor } = withComment()
    const notes = readNotes(doc)
    expect(notes.ok).toBe(true)
    expect(notes.ok && notes.value.comments).toEqual([
      { id: 'c1', authorId: 'miriam', createdAt: at, text: 'Seit wann?', anchor, resolved: false, replies: [] },
    ])
    expect(readComments(doc)).toMatchObject([
      { id: 'c1', authorName: 'Miriam Roth', phase: 'analysis', position: { status: 'attached', text: 'Check-in' } },
    ])
  })

  it('refuses an empty comment', () => {
    const doc = notesWith('x')
    expect(() => addComment(doc, { id: 'c', authorId: 'a', createdAt: at, text: '   ', anchor: '' })).toThrow()
    expect(commentsArray(doc).length).toBe(0)
  })

  it('merges concurrent replies and a resolve from both coaches', () => {
    const { doc: mine } = withComment()
    const theirs = new Y.Doc()
    sync(mine, theirs)
    addReply(mine, 'c1', { id: 'r1', authorId: 'miriam', createdAt: at, text: 'Seit April' })
    addReply(theirs, 'c1', { id: 'r2', authorId: 'tobias', authorName: 'Tobias Brandt', createdAt: at, text: 'Ich frage nach' })
    setResolved(theirs, 'c1', true, { userId: 'tobias', at })
    sync(mine, theirs)
    for (const doc of [mine, theirs]) {
      const [comment] = readComments(doc)
      expect(comment?.resolved).toBe(true)
      expect(comment?.resolvedBy).toBe('tobias')
      expect(comment?.replies.map((reply) => reply.id).sort()).toEqual(['r1', 'r2'])
      expect(comment?.replies.find((reply) => reply.id === 'r2')?.authorName).toBe('Tobias Brandt')
    }
    setResolved(mine, 'c1', false)
    sync(mine, theirs)
    expect(readComments(theirs)[0]?.resolved).toBe(false)
  })

  it('answers false for a comment that is gone, and removes by id', () => {
    const { doc } = withComment()
    expect(addReply(doc, 'nope', { id: 'r', authorId: 'a', createdAt: at, text: 'x' })).toBe(false)
    expect(setResolved(doc, 'nope', true)).toBe(false)
    expect(removeComment(doc, 'c1')).toBe(true)
    expect(removeComment(doc, 'c1')).toBe(false)
    expect(readComments(doc)).toEqual([])
  })

  it('skips a broken comment entry instead of failing the list', () => {
    const { doc } = withComment()
    const broken = new Y.Map<unknown>()
    broken.set('id', 'c2')
    commentsArray(doc).push([broken])
    expect(readComments(doc).map((comment) => comment.id)).toEqual(['c1'])
  })

  it('keeps a comment with an unreadable anchor, detached', () => {
    const doc = notesWith('x')
    addComment(doc, { id: 'c1', authorId: 'a', createdAt: at, text: 'ohne Anker', anchor: 'legacy-base64==' })
    expect(readComments(doc)).toMatchObject([{ id: 'c1', anchor: null, phase: null, position: { status: 'detached' } }])
  })

  it('reads every change of the comments, local, remote or inside a transaction, and the text under a comment as it is typed', () => {
    const { doc } = withComment()
    const other = new Y.Doc()
    sync(doc, other)
    // Read once, so that later reads could come from what was parsed then.
    expect(readComments(doc)).toMatchObject([{ id: 'c1', resolved: false, replies: [], position: { text: 'Check-in' } }])
    firstText(doc).insert(5, 'X')
    expect(readComments(doc)).toMatchObject([{ position: { status: 'attached', text: 'CheckX-in' } }])
    setResolved(doc, 'c1', true, { userId: 'jonas', at })
    expect(readComments(doc)).toMatchObject([{ resolved: true, resolvedBy: 'jonas' }])
    addReply(other, 'c1', { id: 'r1', authorId: 'jonas', createdAt: at, text: 'Seit März' })
    sync(other, doc)
    expect(readComments(doc)[0]?.replies).toMatchObject([{ id: 'r1', text: 'Seit März' }])
    doc.transact(() => {
      addComment(doc, { id: 'c2', authorId: 'jonas', createdAt: at, text: 'Noch einer', anchor: 'legacy' })
      expect(readComments(doc).map((comment) => comment.id)).toEqual(['c1', 'c2'])
    })
    expect(readComments(doc).map((comment) => comment.id)).toEqual(['c1', 'c2'])
    removeComment(doc, 'c1')
    expect(readComments(doc).map((comment) => comment.id)).toEqual(['c2'])
  })

  it('lets an observer of the comments read them changed', () => {
    const { doc } = withComment()
    expect(readComments(doc)[0]?.resolved).toBe(false)
    const seen: boolean[] = []
    commentsArray(doc).observeDeep(() => seen.push(readComments(doc)[0]?.resolved ?? false))
    setResolved(doc, 'c1', true)
    setResolved(doc, 'c1', false)
    expect(seen).toEqual([true, false])
  })
})
