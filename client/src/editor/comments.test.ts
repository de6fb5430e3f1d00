// @vitest-environment jsdom
import type { Editor } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAnchor } from '../../../shared/src/comments/anchor.js'
import { addComment, readComments, setResolved } from '../../../shared/src/comments/thread.js'
import { initNotesDoc } from '../../../shared/src/caseDocument/notes.js'
import { collabEditors } from '../testing/collabEditors.js'
import { anchorFromSelection, anchorRange, CommentHighlight, commentHighlightKey, RefreshAfterTypingMs, selectionHasText } from './comments.js'

const editorOn = collabEditors()

function makeEditor(doc: Y.Doc): Editor {
  return editorOn(doc.getXmlFragment('phase:analysis'), [CommentHighlight.configure({ phase: 'analysis' })])
}

/** Two replicas connected both ways (like two coaches through the relay). */
function connect(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'remote')
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), 'remote')
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') {
      Y.applyUpdate(b, update, 'remote')
    }
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') {
      Y.applyUpdate(a, update, 'remote')
    }
  })
}

/** Both coaches' replicas of a notes document, connected, each with an editor on the analysis note. */
function tandem(): { mine: Y.Doc; theirs: Y.Doc; a: Editor; b: Editor } {
  const mine = new Y.Doc()
  const theirs = new Y.Doc()
  initNotesDoc(mine)
  connect(mine, theirs)
  return { mine, theirs, a: makeEditor(mine), b: makeEditor(theirs) }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

function highlights(editor: Editor): string[] {
  return [...editor.view.dom.querySelectorAll('[data-testid="comment.highlight"]')].map((element) => element.textContent ?? '')
}

function findText(editor: Editor, text: string): { from: number; to: number } {
  let found: { from: number; to: number } | null = null
  editor.state.doc.descendants((node, pos) => {
    if (found === null && node.isText && node.text?.includes(text)) {
      const from = pos + node.text.indexOf(text)
      found = { from, to: from + text.length }
    }
  })
  if (!found) {
    throw new Error(`no ${text}`)
  }
  return found
}

/** Writes two paragraphs in my editor and comments on "Kassenabschluss" from its selection; the highlight shows. */
async function commentOnKassenabschluss(mine: Y.Doc, a: Editor): Promise<void> {
  a.commands.setContent('<p>Fehler beim Kassenabschluss</p><p>zweiter Absatz</p>')
  await settle()
  a.commands.setTextSelection(findText(a, 'Kassenabschluss'))
  addComment(mine, { id: 'c1', authorId: 'miriam', createdAt: '2026-03-05T09:00:00.000Z', text: 'Checkliste?', anchor: encodeAnchor(anchorFromSelection(a.state, 'analysis')!) })
  await settle()
  expect(highlights(a)).toEqual(['Kassenabschluss'])
}

describe('comment highlights in the editor', () => {
  it('anchors the selection, highlights it on both replicas, and keeps it on its text while the other coach types', async () => {
    const { mine, theirs, a, b } = tandem()
    a.commands.setContent('<p>Fehler beim Kassenabschluss</p><p>zweiter Absatz</p>')
    await settle()
    expect(b.getText()).toContain('Fehler beim Kassenabschluss')

    a.commands.setTextSelection(findText(a, 'Kassenabschluss'))
    expect(selectionHasText(a.state)).toBe(true)
    const anchor = anchorFromSelection(a.state, 'analysis')
    expect(anchor?.quote).toBe('Kassenabschluss')
    addComment(mine, { id: 'c1', authorId: 'miriam', createdAt: '2026-03-05T09:00:00.000Z', text: 'Checkliste?', anchor: encodeAnchor(anchor!) })
    await settle()
    expect(highlights(a)).toEqual(['Kassenabschluss'])
    expect(highlights(b)).toEqual(['Kassenabschluss'])

    // The other coach types before it and right after it; both editors keep the highlight on the word.
    b.commands.insertContentAt(1, 'Oft ')
    const end = findText(b, 'Kassenabschluss').to
    b.commands.insertContentAt(end, '!')
    a.commands.insertContentAt(findText(a, 'beim').from, 'immer ')
    await settle()
    expect(a.getText()).toContain('Oft Fehler immer beim Kassenabschluss!')
    expect(highlights(a)).toEqual(['Kassenabschluss'])
    expect(highlights(b)).toEqual(['Kassenabschluss'])
    const range = anchorRange(b.state, anchor!)
    expect(range && b.state.doc.textBetween(range.from, range.to)).toBe('Kassenabschluss')

    // Resolved comments are not highlighted.
    setResolved(theirs, 'c1', true)
    await settle()
    expect(highlights(a)).toEqual([])
    setResolved(theirs, 'c1', false)
    await settle()
    expect(highlights(a)).toEqual(['Kassenabschluss'])

    // The other coach deletes the commented word: no highlight, comment detached, nothing thrown.
    b.commands.deleteRange(findText(b, 'Kassenabschluss'))
    await settle()
    expect(highlights(a)).toEqual([])
    expect(highlights(b)).toEqual([])
    expect(readComments(mine)[0]?.position.status).toBe('detached')
  })

  it('refreshes the highlights only when they change, not after every keystroke', async () => {
    const { mine, theirs, a, b } = tandem()
    let refreshes = 0
    a.on('transaction', ({ transaction }) => {
      if ((transaction.getMeta(commentHighlightKey) as { refresh?: boolean } | undefined)?.refresh) {
        refreshes += 1
      }
    })
    await commentOnKassenabschluss(mine, a)
    const afterComment = refreshes
    expect(afterComment).toBeGreaterThan(0)

    // My own typing, before the highlight and after it, only maps it along.
    for (const letter of 'Notiz') {
      a.commands.insertContentAt(findText(a, 'zweiter').from, letter)
      a.commands.insertContentAt(1, letter)
      await settle()
    }
    expect(highlights(a)).toEqual(['Kassenabschluss'])
    expect(highlights(b)).toEqual(['Kassenabschluss'])
    expect(refreshes).toBe(afterComment)
    // The other coach's typing arrives as a replaced document (the binding's
    // remote change): the highlight is recomputed from Yjs and stays on its word.
    b.commands.insertContentAt(1, 'Oft ')
    await settle()
    expect(highlights(a)).toEqual(['Kassenabschluss'])
    const afterRemote = refreshes

    // A change of the comments themselves still shows at once.
    setResolved(theirs, 'c1', true)
    await settle()
    expect(highlights(a)).toEqual([])
    expect(refreshes).toBe(afterRemote + 1)
  })

  it('checks the highlights against the comments once this coach pauses typing', async () => {
    const { mine, a } = tandem()
    await commentOnKassenabschluss(mine, a)
    // Splitting the paragraph inside the commented word: what the list says of
    // the comment is what the highlight shows, once typing pauses.
    a.commands.setTextSelection(findText(a, 'abschluss').from)
    a.commands.splitBlock()
    await new Promise((resolve) => setTimeout(resolve, RefreshAfterTypingMs + 50))
    const position = readComments(mine)[0]?.position
    expect(highlights(a).join('\n')).toBe(position?.status === 'attached' ? position.text : '')
  })

  it('anchors a selection over two paragraphs, and not an empty selection', async () => {
    const doc = new Y.Doc()
    initNotesDoc(doc)
    const editor = makeEditor(doc)
    editor.commands.setContent('<p>erster Absatz</p><p>zweiter Absatz</p>')
    await settle()
    editor.commands.setTextSelection(1)
    expect(selectionHasText(editor.state)).toBe(false)
    expect(anchorFromSelection(editor.state, 'analysis')).toBeNull()
    editor.commands.selectAll()
    const anchor = anchorFromSelection(editor.state, 'analysis')
    addComment(doc, { id: 'c1', authorId: 'a', createdAt: '2026-03-05T09:00:00.000Z', text: 'alles', anchor: encodeAnchor(anchor!) })
    await settle()
    expect(highlights(editor)).toEqual(['erster Absatz', 'zweiter Absatz'])
    expect(readComments(doc)[0]?.position).toMatchObject({ status: 'attached', text: 'erster Absatz\nzweiter Absatz' })
  })
})
