// @vitest-environment jsdom
import { Schema } from '@tiptap/pm/model'
import { EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { afterEach, describe, expect, it } from 'vitest'
import { caretAlreadyInView, insideScrollingBox } from './caretInView.js'

const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'text*', toDOM: () => ['p', 0] },
    rule: { group: 'block', toDOM: () => ['hr'] },
    text: {},
  },
})
const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('Pausen eingehalten')]), schema.node('rule')])

/** An editor element inside `wrappers` (their inline styles), in the page. */
function editorElement(...wrappers: string[]): HTMLElement {
  let parent: HTMLElement = document.body
  for (const style of wrappers) {
    const div = document.createElement('div')
    div.setAttribute('style', style)
    parent.appendChild(div)
    parent = div
  }
  const dom = document.createElement('div')
  parent.appendChild(dom)
  return dom
}

/** The parts of a view the check reads: its element, state, and where the caret is drawn. */
function view(dom: HTMLElement, caret: { top: number; bottom: number; left: number; right: number }, selection?: 'node'): EditorView {
  const state = EditorState.create({
    doc,
    selection: selection === 'node' ? NodeSelection.create(doc, doc.child(0).nodeSize) : TextSelection.create(doc, 5),
  })
  return { dom, state, coordsAtPos: () => caret } as unknown as EditorView
}

function resizeWindow(width: number, height: number): void {
  Object.defineProperty(window, 'innerWidth', { value: width, configurable: true })
  Object.defineProperty(window, 'innerHeight', { value: height, configurable: true })
  Object.defineProperty(document.documentElement, 'clientWidth', { value: width, configurable: true })
  Object.defineProperty(document.documentElement, 'clientHeight', { value: height, configurable: true })
}

afterEach(() => {
  document.body.replaceChildren()
  resizeWindow(1024, 768)
})

describe('caretAlreadyInView', () => {
  it('leaves a caret inside the window where it is, and hands one outside it to ProseMirror', () => {
    resizeWindow(1280, 900)
    const dom = editorElement('margin: 2rem', '')
    expect(caretAlreadyInView(view(dom, { top: 400, bottom: 418, left: 300, right: 301 }))).toBe(true)
    // Below the window, above it, or past its right edge: ProseMirror scrolls.
    expect(caretAlreadyInView(view(dom, { top: 895, bottom: 913, left: 300, right: 301 }))).toBe(false)
    expect(caretAlreadyInView(view(dom, { top: -20, bottom: -2, left: 300, right: 301 }))).toBe(false)
    expect(caretAlreadyInView(view(dom, { top: 400, bottom: 418, left: 1290, right: 1291 }))).toBe(false)
  })

  it('hands node selections and editors in a scrolling box to ProseMirror', () => {
    resizeWindow(1280, 900)
    const inView = { top: 400, bottom: 418, left: 300, right: 301 }
    expect(caretAlreadyInView(view(editorElement(''), inView, 'node'))).toBe(false)
    expect(caretAlreadyInView(view(editorElement('overflow-y: auto; height: 200px', ''), inView))).toBe(false)
  })
})

describe('insideScrollingBox', () => {
  it('finds an ancestor that scrolls in either direction, and not the page itself', () => {
    expect(insideScrollingBox(editorElement('', 'margin: 1rem'))).toBe(false)
    expect(insideScrollingBox(editorElement('overflow-y: hidden', ''))).toBe(true)
    expect(insideScrollingBox(editorElement('overflow-x: auto', ''))).toBe(true)
    expect(insideScrollingBox(editorElement('overflow-x: clip; overflow-y: clip'))).toBe(false)
    document.body.style.overflowX = 'hidden'
    expect(insideScrollingBox(editorElement(''))).toBe(false)
  })

  it('reads the ancestors again once the window has another size', () => {
    resizeWindow(1280, 900)
    const dom = editorElement('')
    expect(insideScrollingBox(dom)).toBe(false)
    const wrapper = dom.parentElement as HTMLElement
    wrapper.style.overflowY = 'auto'
    // Same size: the answer read before (the per-key cost this saves).
    expect(insideScrollingBox(dom)).toBe(false)
    resizeWindow(390, 844)
    expect(insideScrollingBox(dom)).toBe(true)
  })
})
