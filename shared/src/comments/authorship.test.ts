import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initNotesDoc } from '../caseDocument/notes.js'
import { anchorInText, encodeAnchor } from './anchor.js'
import { resolveAuthorship, type BoundAccount } from './authorship.js'
import { textNodesOf } from '../richText/textNodes.js'
import { addComment, addReply, findComment, readComments, setResolved } from './thread.js'

const miriam = { id: 'user-miriam', name: 'Miriam Roth' }
const tobias = { id: 'user-tobias', name: 'Tobias Brandt' }
const bindings: ReadonlyMap<number, BoundAccount> = new Map([
  [1001, { userId: miriam.id, name: miriam.name }],
  [1002, { userId: tobias.id, name: tobias.name }],
])
const at = '2026-03-05T09:30:00.000Z'

/** Miriam's and Tobias's replicas of one notes document, each writing under its own client id. */
function tandem(): { mine: Y.Doc; his: Y.Doc; sync(): void; anchor: string } {
  const mine = new Y.Doc()
  mine.clientID = 1001
  initNotesDoc(mine)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Jonas wirkt müde.')])
  mine.getXmlFragment('phase:analysis').push([paragraph])
  const his = new Y.Doc()
  his.clientID = 1002
  const sync = (): void => {
    Y.applyUpdate(his, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(his)))
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(his, Y.encodeStateVector(mine)))
  }
  sync()
  const text = textNodesOf(mine.getXmlFragment('phase:analysis'))[0] as Y.XmlText
  return { mine, his, sync, anchor: encodeAnchor(anchorInText('analysis', text, 0, 5)) }
}

function authorshipOf(doc: Y.Doc, commentId: string) {
  const view = readComments(doc).find((comment) => comment.id === commentId)
  if (!view) {
    throw new Error(`no comment ${commentId}`)
  }
  return resolveAuthorship(view.authorId, view.writerClientIds, bindings)
}

describe('comment authorship', () => {
  it("names the account bound to the writing client id and flags a comment claiming another coach's authorId", () => {
    const { mine, his, sync, anchor } = tandem()
    addComment(his, { id: 'c1', authorId: miriam.id, authorName: miriam.name, createdAt: at, text: 'Das war ich nicht', anchor })
    sync()
    expect(readComments(mine)[0]?.writerClientIds).toEqual([1002])
    expect(authorshipOf(mine, 'c1')).toEqual({ writer: { userId: tobias.id, name: tobias.name }, mismatch: true })
  })

  it('shows no mismatch for an honest comment, nor when the other coach only resolves it', () => {
    const { mine, his, sync, anchor } = tandem()
    addComment(mine, { id: 'c1', authorId: miriam.id, authorName: miriam.name, createdAt: at, text: 'Nachfragen', anchor })
    sync()
    setResolved(his, 'c1', true, { userId: tobias.id, at })
    sync()
    expect(authorshipOf(mine, 'c1')).toEqual({ writer: { userId: miriam.id, name: miriam.name }, mismatch: false })
  })

  it("flags a comment whose text or author another coach rewrote later", () => {
    const { mine, his, sync, anchor } = tandem()
    addComment(mine, { id: 'c1', authorId: miriam.id, authorName: miriam.name, createdAt: at, text: 'Nachfragen', anchor })
    sync()
    findComment(his, 'c1')?.set('text', 'Miriam findet Jonas faul')
    sync()
    const view = readComments(mine)[0]
    expect(view?.writerClientIds).toEqual([1001, 1002])
    expect(authorshipOf(mine, 'c1')).toEqual({ writer: { userId: miriam.id, name: miriam.name }, mismatch: true })
  })

  it('resolves replies the same way', () => {
    const { mine, his, sync, anchor } = tandem()
    addComment(mine, { id: 'c1', authorId: miriam.id, createdAt: at, text: 'Nachfragen', anchor })
    sync()
    addReply(his, 'c1', { id: 'r1', authorId: miriam.id, authorName: miriam.name, createdAt: at, text: 'Erledigt, sagt Miriam' })
    addReply(his, 'c1', { id: 'r2', authorId: tobias.id, authorName: tobias.name, createdAt: at, text: 'Ich rufe an' })
    sync()
    const [forged, honest] = readComments(mine)[0]?.replies ?? []
    expect(resolveAuthorship(forged?.authorId ?? '', forged?.writerClientIds ?? [], bindings)).toMatchObject({ writer: { userId: tobias.id }, mismatch: true })
    expect(resolveAuthorship(honest?.authorId ?? '', honest?.writerClientIds ?? [], bindings)).toMatchObject({ writer: { userId: tobias.id }, mismatch: false })
  })

  it('claims nothing while the writing client id is not known', () => {
    expect(resolveAuthorship(miriam.id, [4242], bindings)).toEqual({ writer: null, mismatch: false })
    expect(resolveAuthorship(miriam.id, [], bindings)).toEqual({ writer: null, mismatch: false })
  })
})
