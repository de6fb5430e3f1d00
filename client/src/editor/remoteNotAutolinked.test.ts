// @vitest-environment jsdom
import type { Editor } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { collabEditors } from '../testing/collabEditors.js'
import { RemoteNotAutolinked } from './remoteNotAutolinked.js'

const collabEditor = collabEditors()

/** A coach's editor on `doc`'s note, as RichTextEditor builds it (with or without the extension). */
function editorOn(doc: Y.Doc, withExtension: boolean): Editor {
  return collabEditor(doc.getXmlFragment('note'), withExtension ? [RemoteNotAutolinked] : [])
}

/** Another client writes a paragraph ending in an address without a link, as a plain writer would. */
function writeRemotely(doc: Y.Doc, text: string): void {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  other.getXmlFragment('note').insert(0, [paragraph])
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), 'remote')
}

/** Whether the shared note holds a link mark (y-tiptap stores marks as text attributes). */
function sharedHasLink(doc: Y.Doc): boolean {
  return doc.getXmlFragment('note').toString().includes('<link')
}

const linkedText = (editor: Editor): string[] => {
  const linked: string[] = []
  editor.state.doc.descendants((node) => {
    if (node.isText && node.marks.some((mark) => mark.type.name === 'link')) {
      linked.push(node.text ?? '')
    }
  })
  return linked
}

describe('remote changes are not autolinked', () => {
  it('an address a co-editor wrote stays as written, also after this reader types', () => {
    const doc = new Y.Doc()
    const editor = editorOn(doc, true)
    writeRemotely(doc, 'Infos unter www.arbeitsagentur.de ')
    expect(editor.getText()).toContain('www.arbeitsagentur.de')
    expect(linkedText(editor)).toEqual([])
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, 'Danke.')
    expect(editor.getText()).toContain('Danke.')
    expect(sharedHasLink(doc)).toBe(false)
  })

  it('without it, the reader links the address, and its next keystroke writes the link into the shared note', () => {
    const doc = new Y.Doc()
    const editor = editorOn(doc, false)
    writeRemotely(doc, 'Infos unter www.arbeitsagentur.de ')
    expect(linkedText(editor)).toEqual(['www.arbeitsagentur.de'])
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, 'Danke.')
    expect(sharedHasLink(doc)).toBe(true)
  })

  it('what this user types is still autolinked', () => {
    const doc = new Y.Doc()
    const editor = editorOn(doc, true)
    editor.commands.insertContent('Infos unter www.arbeitsagentur.de')
    editor.commands.insertContent(' ')
    expect(linkedText(editor)).toEqual(['www.arbeitsagentur.de'])
    expect(sharedHasLink(doc)).toBe(true)
  })
})
