import { Extension, isMacOS } from '@tiptap/core'
import { Plugin, Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'

/**
 * From this many top-level blocks on, a text is laid out only where it is
 * seen (styles.css, `.long-text`: `content-visibility: auto`). In the bench's
 * 200-page note Chromium spent about 10 ms of every keystroke in
 * `Editor::SyncSelection` walking the whole laid-out text; with the blocks
 * off screen skipped it is about 1 ms (issue 21, point 4). Short texts keep
 * ordinary layout.
 *
 * The class is set from the document rather than found by a CSS
 * `:has(> :nth-child(150))`: that selector made Chromium's style
 * recalculation quadratic in the paragraphs.
 */
export const LongTextBlocks = 150

/** The editor element's extra class for a document: `long-text` once it is long. */
function longTextClass(state: EditorState): string {
  return state.doc.childCount >= LongTextBlocks ? 'long-text' : ''
}

type Edge = 'start' | 'end'

/** Moves the caret to the text's start or end, or extends the selection there, and scrolls to it. */
export function toEdge(state: EditorState, edge: Edge, extend: boolean): Transaction {
  const target = edge === 'end' ? Selection.atEnd(state.doc) : Selection.atStart(state.doc)
  const selection = extend ? TextSelection.between(state.selection.$anchor, target.$head) : target
  return state.tr.setSelection(selection).scrollIntoView()
}

/**
 * Marks a long text (`long-text`, from the document's length) and does
 * Ctrl+Home / Ctrl+End (Cmd+Up / Cmd+Down on a Mac), with Shift to select,
 * instead of the browser. Chromium's own move skips the blocks that
 * `content-visibility` has not laid out: in a long note it put the caret
 * before the last paragraph, and letters typed there came out of order
 * (test/e2e/longNote.test.ts). The editor's move lands where the browser's
 * lands in a short text.
 */
export const LongText = Extension.create({
  name: 'longText',

  addProseMirrorPlugins() {
    // A plugin's attributes are merged with the editor's own (classes are joined).
    return [new Plugin({ props: { attributes: (state) => ({ class: longTextClass(state) }) } })]
  },

  addKeyboardShortcuts() {
    const move = (edge: Edge, extend: boolean) => () => {
      this.editor.view.dispatch(toEdge(this.editor.state, edge, extend))
      return true
    }
    const keys: Record<string, () => boolean> = {
      'Mod-Home': move('start', false),
      'Mod-End': move('end', false),
      'Shift-Mod-Home': move('start', true),
      'Shift-Mod-End': move('end', true),
    }
    if (isMacOS()) {
      Object.assign(keys, {
        'Mod-ArrowUp': move('start', false),
        'Mod-ArrowDown': move('end', false),
        'Shift-Mod-ArrowUp': move('start', true),
        'Shift-Mod-ArrowDown': move('end', true),
      })
    }
    return keys
  },
})
