// @vitest-environment jsdom
/**
 * An editor whose tree React mounts hidden and shows later (Activity,
 * Suspense): tiptap destroys the editor of that first render 1 ms later,
 * since nothing mounted it, and makes a new one when it is shown. The
 * editor's own effects must not touch the destroyed one.
 */
import { Activity } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import i18n from '../i18n/index.js'
import { mountedRoot } from '../testing/mountedRoot.js'
import { RichTextEditor } from './RichTextEditor.js'

await i18n.changeLanguage('de')

const mounted = mountedRoot()

describe('RichTextEditor mounted hidden first', () => {
  it('is shown editable, with its ARIA state, and no error about a missing view', async () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('notes').insert(0, [new Y.XmlElement('paragraph')])
    const provider = { awareness: new Awareness(doc) } as unknown as WebsocketProvider
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    // One element for both renders: shown again, React only reconnects its effects (as Suspense does).
    const notes = <RichTextEditor fragment={doc.getXmlFragment('notes')} provider={provider} user={{ name: 'Miriam Roth', color: '#23527c' }} editable labelledBy="notes-h" label="Notizen" testId="notes" />
    const editor = (mode: 'hidden' | 'visible') => (
      <Activity mode={mode}>
        <p id="notes-h">Notizen</p>
        {notes}
      </Activity>
    )
    await mounted.render(editor('hidden'))
    // tiptap's check whether the editor was mounted runs 1 ms after the render.
    await new Promise((resolve) => setTimeout(resolve, 20))
    await mounted.render(editor('visible'))
    const box = mounted.container.querySelector('[data-testid="notes"]')
    expect(box?.getAttribute('contenteditable')).toBe('true')
    expect(box?.getAttribute('aria-readonly')).toBe('false')
    expect(errors.mock.calls.map((call) => String(call[0])).filter((text) => text.includes('view'))).toEqual([])
    errors.mockRestore()
  })
})
