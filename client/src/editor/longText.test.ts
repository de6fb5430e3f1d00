// @vitest-environment jsdom
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { LongText, LongTextBlocks, toEdge } from './longText.js'

const editors: Editor[] = []

afterEach(() => {
  for (const editor of editors.splice(0)) {
    editor.destroy()
  }
})

function makeEditor(paragraphs: number): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  const content = Array.from({ length: paragraphs }, (_, i) => `<p>Absatz ${i + 1}</p>`).join('')
  const editor = new Editor({
    element,
    extensions: [StarterKit.configure({ undoRedo: false }), LongText],
    content,
    editorProps: { attributes: { class: 'rich-text' } },
  })
  editors.push(editor)
  return editor
}

/** The text between the selection's ends. */
function selected(editor: Editor): string {
  const { from, to } = editor.state.selection
  return editor.state.doc.textBetween(from, to, '|')
}

describe('long texts', () => {
  it('are marked from the block count on, and short ones not', () => {
    const short = makeEditor(LongTextBlocks - 1)
    expect(short.view.dom.classList.contains('rich-text')).toBe(true)
    expect(short.view.dom.classList.contains('long-text')).toBe(false)
    const editor = makeEditor(LongTextBlocks)
    expect(editor.view.dom.classList.contains('long-text')).toBe(true)
    // The class follows the document: shortened, the text is laid out as usual again.
    editor.commands.setContent('<p>kurz</p>')
    expect(editor.view.dom.classList.contains('long-text')).toBe(false)
  })
})

describe('toEdge', () => {
  it('moves the caret to the end and to the start of the text', () => {
    const editor = makeEditor(5)
    editor.commands.setTextSelection(12)
    editor.view.dispatch(toEdge(editor.state, 'end', false))
    expect(editor.state.selection.empty).toBe(true)
    expect(editor.state.selection.$head.parent.textContent).toBe('Absatz 5')
    expect(editor.state.selection.$head.parentOffset).toBe('Absatz 5'.length)
    editor.view.dispatch(toEdge(editor.state, 'start', false))
    expect(editor.state.selection.$head.parent.textContent).toBe('Absatz 1')
    expect(editor.state.selection.$head.parentOffset).toBe(0)
  })

  it('extends the selection from where it started', () => {
    const editor = makeEditor(3)
    // After "Absatz 2|" … to the end.
    const endOfSecond = editor.state.doc.child(0).nodeSize + 1 + 'Absatz 2'.length
    editor.commands.setTextSelection(endOfSecond)
    editor.view.dispatch(toEdge(editor.state, 'end', true))
    expect(selected(editor)).toBe('|Absatz 3')
    editor.view.dispatch(toEdge(editor.state, 'start', true))
    expect(selected(editor)).toBe('Absatz 1|Absatz 2')
  })

  it('asks the view to scroll to the caret', () => {
    const editor = makeEditor(3)
    expect(toEdge(editor.state, 'end', false).scrolledIntoView).toBe(true)
  })
})

describe('LongText, keys', () => {
  function press(editor: Editor, key: string, modifiers: { ctrlKey?: boolean; shiftKey?: boolean }): boolean {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers })
    editor.view.dom.dispatchEvent(event)
    return event.defaultPrevented
  }

  it('takes Ctrl+End, Ctrl+Home and Shift+Ctrl+End from the browser', () => {
    const editor = makeEditor(LongTextBlocks)
    editor.commands.setTextSelection(3)
    expect(press(editor, 'End', { ctrlKey: true })).toBe(true)
    expect(editor.state.selection.$head.parent.textContent).toBe(`Absatz ${LongTextBlocks}`)
    expect(press(editor, 'Home', { ctrlKey: true })).toBe(true)
    expect(editor.state.selection.from).toBe(1)
    expect(press(editor, 'End', { ctrlKey: true, shiftKey: true })).toBe(true)
    expect(selected(editor).split('|')).toHaveLength(LongTextBlocks)
    // Plain End (end of the line) stays the browser's.
    expect(press(editor, 'End', {})).toBe(false)
  })
})
