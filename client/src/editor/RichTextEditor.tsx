import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { AnyExtension } from '@tiptap/core'
import { EditorContent, useEditor, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useMemo, type ReactNode } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { caretAlreadyInView } from './caretInView.js'
import { LongText } from './longText.js'
import { RemoteNotAutolinked } from './remoteNotAutolinked.js'
import { othersAwareness } from './othersAwareness.js'
import { Toolbar } from './Toolbar.js'

export interface RichTextEditorProps {
  fragment: Y.XmlFragment
  provider: WebsocketProvider
  user: { name: string; color: string }
  editable: boolean
  /** Id of the visible heading that labels the editor. */
  labelledBy: string
  /** Text of that heading, for the toolbar's label. */
  label: string
  testId: string
  /** No formatting toolbar (read-only views). */
  hideToolbar?: boolean
  /** More tiptap extensions (memoise them: a new array recreates the editor). */
  extensions?: AnyExtension[]
  /** More toolbar buttons after the formatting ones. */
  toolbarExtra?: (editor: Editor) => ReactNode
  /** Receives the editor once created (and null when it goes). */
  onEditor?: (editor: Editor | null) => void
}

/** The editor unless tiptap destroyed it (see the effects below). */
function liveEditor(editor: Editor | null): Editor | null {
  return editor !== null && !editor.isDestroyed ? editor : null
}

/** A tiptap editor bound to one Yjs fragment, with the other coach's caret. */
export function RichTextEditor({
  fragment,
  provider,
  user,
  editable,
  labelledBy,
  label,
  testId,
  hideToolbar = false,
  extensions,
  toolbarExtra,
  onEditor,
}: RichTextEditorProps) {
  // The caret plugin reads the awareness; it needs only the others' changes.
  const caretProvider = useMemo(() => ({ awareness: othersAwareness(provider.awareness) }), [provider])
  const editor = useEditor(
    {
      editable,
      // No React render per transaction (issue 21, point 4): tiptap 3's default
      // already, said here so an upgrade cannot turn it back on unnoticed; the
      // toolbar and the comment button read what they need through selectors.
      shouldRerenderOnTransaction: false,
      extensions: [
        // Collaboration brings Yjs-aware undo; StarterKit's own history would fight it.
        StarterKit.configure({ undoRedo: false, heading: { levels: [3, 4] } }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider: caretProvider, user }),
        LongText,
        RemoteNotAutolinked,
        ...(extensions ?? []),
      ],
      editorProps: {
        // One measurement instead of ProseMirror's walk up the page, when nothing would scroll (caretInView.ts).
        handleScrollToSelection: caretAlreadyInView,
        attributes: {
          'aria-labelledby': labelledBy,
          'aria-multiline': 'true',
          role: 'textbox',
          'data-testid': testId,
          class: 'rich-text',
        },
      },
    },
    [fragment, caretProvider, user.name, user.color, extensions],
  )

  // tiptap destroys an editor whose component has not mounted 1 ms after the
  // render that made it, and makes a new one once it mounts. A tree React
  // mounts hidden first and shows later (Suspense, Activity) runs these
  // effects with the editor of its render, destroyed meanwhile (no view):
  // they look again when they run and skip it; the new one follows. Seen
  // with case tabs loaded lazily (tried 2026-12-05): "The editor view is not available".
  const live = liveEditor(editor)

  useEffect(() => {
    if (!onEditor) {
      return undefined
    }
    onEditor(liveEditor(editor))
    return () => onEditor(null)
  }, [editor, onEditor])

  useEffect(() => {
    const current = liveEditor(editor)
    if (current && current.isEditable !== editable) {
      current.setEditable(editable)
    }
  }, [editor, editable])

  useEffect(() => {
    liveEditor(editor)?.view.dom.setAttribute('aria-readonly', editable ? 'false' : 'true')
  }, [editor, editable])

  if (!live) {
    return null
  }
  return (
    <div className="editor">
      {hideToolbar ? null : (
        <Toolbar editor={live} label={label} disabled={!editable}>
          {toolbarExtra?.(live)}
        </Toolbar>
      )}
      <EditorContent editor={live} />
    </div>
  )
}
