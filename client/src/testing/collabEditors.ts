/**
 * tiptap editors bound to a Yjs fragment in jsdom, for editor tests: built
 * as RichTextEditor builds them (StarterKit without its own undo, which
 * would fight Yjs', and Collaboration), plus the extensions under test.
 * Registers its own afterEach, which destroys the test's editors and
 * removes their elements.
 */
import { Editor, type AnyExtension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import StarterKit from '@tiptap/starter-kit'
import { afterEach } from 'vitest'
import type * as Y from 'yjs'

export function collabEditors(): (fragment: Y.XmlFragment, extensions?: AnyExtension[]) => Editor {
  const editors: Array<{ editor: Editor; element: HTMLElement }> = []
  afterEach(() => {
    for (const { editor, element } of editors.splice(0)) {
      editor.destroy()
      element.remove()
    }
  })
  return (fragment, extensions = []) => {
    const element = document.createElement('div')
    document.body.append(element)
    const editor = new Editor({
      element,
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ fragment }), ...extensions],
    })
    editors.push({ editor, element })
    return editor
  }
}
