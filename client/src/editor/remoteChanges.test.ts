// @vitest-environment jsdom
/**
 * How a co-editor's change reaches this editor through y-tiptap's binding
 * (patches/@tiptap+y-tiptap+*.patch): only the paragraphs it touched are
 * rebuilt, and positions kept as Yjs relative positions (this coach's
 * selection, a co-editor's caret, comment anchors) still resolve to the
 * right place, also after a block was moved.
 */
import type { Editor } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { collabEditors } from '../testing/collabEditors.js'

const collabEditor = collabEditors()

function paragraphs(texts: string[]): Y.XmlElement[] {
  return texts.map((text) => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    return paragraph
  })
}

/** Sends what `from` has and `to` lacks, as the provider would. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote')
}

function texts(editor: Editor): string[] {
  const found: string[] = []
  editor.state.doc.forEach((node) => found.push(node.textContent))
  return found
}

function binding(editor: Editor): { type: Y.XmlFragment; doc: Y.Doc; mapping: Map<Y.AbstractType<unknown>, PmNode> } {
  return ySyncPluginKey.getState(editor.state).binding
}

/** Where a Yjs relative position lands in `editor` now (null when its text is gone). */
function resolve(editor: Editor, relative: Y.RelativePosition): number | null {
  const { doc, type, mapping } = binding(editor)
  return relativePositionToAbsolutePosition(doc, type, relative, mapping)
}

/** A paragraph's text as Yjs holds it (no marks are used here). */
function textOf(paragraph: Y.XmlElement): string {
  return paragraph.toArray().map(String).join('')
}

function relativeAt(editor: Editor, position: number): Y.RelativePosition {
  const { type, mapping } = binding(editor)
  return absolutePositionToRelativePosition(position, type, mapping)
}

/** This coach's editor and a co-editor's, on two documents that start with the co-editor's `html`. */
function twoEditorsOn(html: string): { mine: Y.Doc; theirs: Y.Doc; editor: Editor; other: Editor } {
  const mine = new Y.Doc()
  const theirs = new Y.Doc()
  const editor = collabEditor(mine.getXmlFragment('note'))
  const other = collabEditor(theirs.getXmlFragment('note'))
  other.commands.setContent(html)
  sync(theirs, mine)
  return { mine, theirs, editor, other }
}

/** The co-editor drags the second block above the first (ProseMirror's drop: delete, then insert); returns its size. */
function moveSecondAboveFirst(other: Editor): number {
  const block = other.state.doc.child(1)
  const blockStart = other.state.doc.child(0).nodeSize
  other.view.dispatch(other.state.tr.delete(blockStart, blockStart + block.nodeSize).insert(0, block))
  return block.nodeSize
}

describe("a co-editor's change in this editor", () => {
  it('rebuilds only the paragraph it touched; the others stay the same nodes', () => {
    const mine = new Y.Doc()
    const theirs = new Y.Doc()
    theirs.getXmlFragment('note').insert(0, paragraphs(['Erstgespräch', 'Arbeitsplatz', 'Ablauf']))
    sync(theirs, mine)
    const editor = collabEditor(mine.getXmlFragment('note'))
    const before = [0, 1, 2].map((index) => editor.state.doc.child(index))

    const third = theirs.getXmlFragment('note').get(2) as Y.XmlElement
    ;(third.get(0) as Y.XmlText).insert('Ablauf'.length, ' besprochen')
    sync(theirs, mine)

    expect(texts(editor)).toEqual(['Erstgespräch', 'Arbeitsplatz', 'Ablauf besprochen'])
    expect(editor.state.doc.child(0)).toBe(before[0])
    expect(editor.state.doc.child(1)).toBe(before[1])
    expect(editor.state.doc.child(2)).not.toBe(before[2])
  })

  it('keeps this coach’s caret where it was when the co-editor moves a block above it', () => {
    const { mine, theirs, editor, other } = twoEditorsOn('<p>hello</p><p>block</p>')
    // The caret after "hello".
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, 6)))
    const moved = moveSecondAboveFirst(other)
    sync(theirs, mine)

    expect(texts(editor)).toEqual(['block', 'hello'])
    expect(editor.state.selection.anchor).toBe(6 + moved)
  })

  it("resolves the co-editor's caret, as the caret plugin does, to its place after they moved a block above it", () => {
    const { mine, theirs, editor, other } = twoEditorsOn('<p>hello</p><p>block</p>')
    const moved = moveSecondAboveFirst(other)
    // Their caret, published after the move, after "hello" (now the second paragraph).
    const theirCaret = relativeAt(other, moved + 6)
    sync(theirs, mine)

    expect(resolve(editor, theirCaret)).toBe(moved + 6)
  })

  it('keeps positions and content right through any sequence of remote edits, moves and deletions', () => {
    const steps = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('a', 'Ziel ', 'Pause') }),
        fc.record({ kind: fc.constant('add' as const), at: fc.nat(), text: fc.constantFrom('neu', 'Termin', '') }),
        fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
        fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('join' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('list' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    fc.assert(
      fc.property(steps, (remoteSteps) => {
        const { mine, theirs, editor, other } = twoEditorsOn('<p>eins</p><p>zwei</p><p>drei</p>')
        for (const step of remoteSteps) {
          const marks = marksInParagraphs(editor, mine.getXmlFragment('note'))
          applyRemoteStep(other, step)
          sync(theirs, mine)
          expect(texts(editor)).toEqual(texts(other))
          expect(mine.getXmlFragment('note').toString()).toBe(theirs.getXmlFragment('note').toString())
          // A mark in a paragraph the step left as it was is where it was in that paragraph.
          for (const mark of marks) {
            if (mark.paragraph._item?.deleted === true || textOf(mark.paragraph) !== mark.text) {
              continue
            }
            const at = resolve(editor, mark.relative)
            expect(at).not.toBeNull()
            const $at = editor.state.doc.resolve(at ?? 0)
            expect([$at.parent.textContent, $at.parentOffset]).toEqual([mark.text, mark.offset])
          }
          // Every place in the text resolves to itself through the binding's mapping.
          for (let position = 1; position < editor.state.doc.content.size; position += 1) {
            if (editor.state.doc.resolve(position).parent.isTextblock) {
              expect(resolve(editor, relativeAt(editor, position))).toBe(position)
            }
          }
        }
      }),
      { numRuns: Number(process.env.REMOTE_CHANGE_RUNS ?? 60) },
    )
  }, 60_000)
})

type RemoteStep =
  | { kind: 'type' | 'add'; at: number; text: string }
  | { kind: 'remove' | 'split' | 'join' | 'list'; at: number }
  | { kind: 'move'; from: number; to: number }

/** A mark in the middle of each paragraph of `editor`, kept as a relative position across a remote step. */
function marksInParagraphs(editor: Editor, fragment: Y.XmlFragment): Array<{ paragraph: Y.XmlElement; text: string; offset: number; relative: Y.RelativePosition }> {
  const marks: Array<{ paragraph: Y.XmlElement; text: string; offset: number; relative: Y.RelativePosition }> = []
  editor.state.doc.forEach((node, offset, index) => {
    if (node.isTextblock) {
      const middle = Math.floor(node.content.size / 2)
      const paragraph = fragment.get(index) as Y.XmlElement
      marks.push({ paragraph, text: textOf(paragraph), offset: middle, relative: relativeAt(editor, offset + 1 + middle) })
    }
  })
  return marks
}

/** The co-editor makes one change as ProseMirror would for their keys or a drag (a step that does not fit the note is skipped). */
function applyRemoteStep(other: Editor, step: RemoteStep): void {
  const doc = other.state.doc
  const count = doc.childCount
  /** A place inside the `at`-th top-level block's text, or null when that block is not a paragraph. */
  const inText = (at: number): number | null => {
    const block = doc.child(at % count)
    return block.isTextblock ? positionOf(doc, at % count) + 1 + (at % (block.content.size + 1)) : null
  }
  if (step.kind === 'type') {
    const at = inText(step.at)
    if (at !== null) {
      other.view.dispatch(other.state.tr.insertText(step.text, at))
    }
  } else if (step.kind === 'add') {
    const node = other.schema.node('paragraph', null, step.text === '' ? [] : [other.schema.text(step.text)])
    other.view.dispatch(other.state.tr.insert(positionOf(doc, step.at % (count + 1)), node))
  } else if (step.kind === 'remove' && count > 1) {
    const index = step.at % count
    other.view.dispatch(other.state.tr.delete(positionOf(doc, index), positionOf(doc, index + 1)))
  } else if (step.kind === 'split') {
    // Enter inside a paragraph.
    const at = inText(step.at)
    if (at !== null) {
      other.view.dispatch(other.state.tr.split(at))
    }
  } else if (step.kind === 'join' && count > 1) {
    // Backspace at the start of a paragraph: it joins the one before.
    const index = 1 + (step.at % (count - 1))
    if (doc.child(index - 1).type === doc.child(index).type) {
      other.view.dispatch(other.state.tr.join(positionOf(doc, index)))
    }
  } else if (step.kind === 'list') {
    other.commands.setTextSelection(positionOf(doc, step.at % count) + 1)
    other.commands.toggleBulletList()
  } else if (step.kind === 'move' && count > 1) {
    const from = step.from % count
    const node = doc.child(from)
    const removed = other.state.tr.delete(positionOf(doc, from), positionOf(doc, from + 1))
    removed.insert(positionOf(removed.doc, step.to % count), node)
    other.view.dispatch(removed)
  }
}

/** The position before the `index`-th top-level node of `doc` (its end for index = childCount). */
function positionOf(doc: PmNode, index: number): number {
  let position = 0
  for (let i = 0; i < index && i < doc.childCount; i += 1) {
    position += doc.child(i).nodeSize
  }
  return position
}
