// @vitest-environment jsdom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { LongTextBlocks, RichTextEditor } from './RichTextEditor.js'

/** A socket that never connects (the provider is created with connect: false). */
class NoSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
}

function paragraphs(fragment: Y.XmlFragment, count: number): void {
  fragment.doc!.transact(() => {
    for (let i = 0; i < count; i += 1) {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`Absatz ${fragment.length + 1}`)])
      fragment.push([paragraph])
    }
  })
}

let root: Root | null = null
let container: HTMLElement | null = null
let provider: WebsocketProvider | null = null

afterEach(() => {
  act(() => root?.unmount())
  container?.remove()
  provider?.destroy()
  root = null
  container = null
  provider = null
})

function renderEditor(fragment: Y.XmlFragment): HTMLElement {
  provider = new WebsocketProvider('ws://127.0.0.1:9', 'cases/c1/notes', fragment.doc!, {
    connect: false,
    WebSocketPolyfill: NoSocket as unknown as typeof WebSocket,
  })
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  act(() => {
    root!.render(
      createElement(RichTextEditor, {
        fragment,
        provider: provider!,
        user: { name: 'Lena Vogel', color: '#1f6feb' },
        editable: true,
        labelledBy: 'heading',
        label: 'Analyse',
        testId: 'notes.editor.analysis',
      }),
    )
  })
  const editor = container.querySelector<HTMLElement>('[data-testid="notes.editor.analysis"]')
  expect(editor).not.toBeNull()
  return editor!
}

describe('RichTextEditor, long texts', () => {
  it('marks a text as long once it holds enough blocks, and not before', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('phase:analysis')
    paragraphs(fragment, 10)
    const editor = renderEditor(fragment)
    expect(editor.classList.contains('rich-text')).toBe(true)
    expect(editor.classList.contains('long-text')).toBe(false)

    // A colleague's edit makes it long: the class follows the document.
    act(() => paragraphs(fragment, LongTextBlocks))
    expect(editor.querySelectorAll('p').length).toBe(10 + LongTextBlocks)
    expect(editor.classList.contains('long-text')).toBe(true)
  })

  it('lays out only long texts where seen, without a :has() selector (quadratic style recalculation)', () => {
    const css = readFileSync(join(process.cwd(), 'client/src/styles.css'), 'utf8')
    const rule = /\.rich-text\.long-text > \* \{([^}]*)\}/.exec(css)
    expect(rule?.[1]).toContain('content-visibility: auto')
    expect(css).not.toMatch(/\.rich-text:has\(/)
  })
})
