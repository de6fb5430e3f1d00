// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docUndo, localEdit, undoLocal } from '../sync/docUndo.js'
import { TextFieldBinding } from './TextFieldBinding.js'

/** Two replicas of a plan doc that exchange every update at once (like two browsers). */
function pair(initial: string) {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, update, 'remote'))
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, update, 'remote'))
  const goal = new Y.Map<unknown>()
  a.getArray('goals').push([goal])
  const text = new Y.Text()
  goal.set('specific', text)
  text.insert(0, initial)
  const textB = (b.getArray('goals').get(0) as Y.Map<unknown>).get('specific') as Y.Text
  return { a, b, textA: text, textB }
}

function field(doc: Y.Doc, text: Y.Text): { element: HTMLTextAreaElement; binding: TextFieldBinding } {
  const element = document.createElement('textarea')
  document.body.append(element)
  const binding = new TextFieldBinding(element, { text, ensureText: () => text, write: (change) => localEdit(doc, 'plan', change) })
  return { element, binding }
}

/** What a browser does when the user types: new value and caret, then an input event. */
function type(element: HTMLTextAreaElement, value: string, caret: number, composing = false): void {
  element.value = value
  element.setSelectionRange(caret, caret)
  element.dispatchEvent(new InputEvent('input', { isComposing: composing }))
}

afterEach(() => {
  document.body.replaceChildren()
})

describe('TextFieldBinding', () => {
  it('writes nothing on focus and blur: a colleague’s correction survives', () => {
    const { a, b, textA, textB } = pair('Kasse bedienen')
    const { element } = field(b, textB)
    // Tobias corrects the goal; Miriam's field shows it, she focuses and leaves without typing.
    textA.delete(0, 5)
    textA.insert(0, 'Lager')
    expect(element.value).toBe('Lager bedienen')
    element.focus()
    element.dispatchEvent(new FocusEvent('blur'))
    element.blur()
    expect(textA.toString()).toBe('Lager bedienen')
    expect(textB.toString()).toBe('Lager bedienen')
    void a
  })

  it('merges two people typing in one field, and keeps the local caret where it was', () => {
    const { textA, textB, b } = pair('Pausen einhalten')
    const { element } = field(b, textB)
    element.focus()
    element.setSelectionRange(6, 6)
    type(element, 'Pausen immer einhalten', 12)
    // The colleague types at the start meanwhile.
    textA.insert(0, 'Die ')
    expect(element.value).toBe('Die Pausen immer einhalten')
    expect(element.selectionStart).toBe(16)
    expect(textA.toString()).toBe('Die Pausen immer einhalten')
  })

  it('writes nothing during an IME composition and rebases the composed text at its end', () => {
    const { textA, textB, b } = pair('Ziel')
    const { element } = field(b, textB)
    element.focus()
    element.dispatchEvent(new CompositionEvent('compositionstart'))
    type(element, 'Ziel か', 6, true)
    expect(textB.toString()).toBe('Ziel')
    // A remote change arrives mid-composition: the field is not touched.
    textA.insert(0, 'Neues ')
    expect(element.value).toBe('Ziel か')
    type(element, 'Ziel 漢字', 7, true)
    element.dispatchEvent(new CompositionEvent('compositionend'))
    expect(textA.toString()).toBe('Neues Ziel 漢字')
    expect(element.value).toBe('Neues Ziel 漢字')
    expect(element.selectionStart).toBe(13)
  })

  it('undo takes back only this client’s typing, and the field follows', () => {
    const { textA, textB, b } = pair('Messbar')
    const { element } = field(b, textB)
    element.focus()
    type(element, 'Messbar: 3 Tage', 15)
    docUndo(b, 'plan').manager.stopCapturing()
    textA.insert(0, '(Tobias) ')
    expect(undoLocal(b, 'plan')).toBe(true)
    expect(textA.toString()).toBe('(Tobias) Messbar')
    expect(element.value).toBe('(Tobias) Messbar')
  })

  it('turns pasted line breaks into spaces in a single-line field', () => {
    const doc = new Y.Doc()
    const text = doc.getText('title')
    const element = document.createElement('textarea')
    document.body.append(element)
    new TextFieldBinding(element, { text, ensureText: () => text, write: (change) => doc.transact(change), singleLine: true })
    element.focus()
    type(element, 'Erste\nZeile', 11)
    expect(text.toString()).toBe('Erste Zeile')
  })
})
