/**
 * Tandem comments in a phase note's editor: the highlight of commented text
 * (a ProseMirror decoration plugin, recomputed from the comments' Yjs
 * relative positions after every change of the text or of the comments) and
 * the conversion between the editor's selection and a comment anchor.
 *
 * Positions come from @tiptap/y-tiptap with the binding's mapping of the
 * Collaboration extension (ySyncPluginKey), so the highlight stays on the
 * text while both coaches edit. The binding writes local edits to Yjs in its
 * plugin view's update, after decorations were computed for that state; the
 * plugin therefore maps its decorations through each transaction at once and
 * recomputes them from Yjs in a microtask after every change of the comments
 * and every change from elsewhere (the other coach, an undo), and
 * {@link RefreshAfterTypingMs} after this coach's own typing, dispatching only
 * when the result differs from the mapped highlights.
 */
import { Extension, type Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { stickInward, type CommentAnchor } from '../../../shared/src/comments/anchor.js'
import { commentsArray, readComments } from '../../../shared/src/comments/thread.js'
import type { Phase } from '../../../shared/src/caseDocument/plan.js'

export const commentHighlightKey = new PluginKey<CommentHighlightState>('commentHighlight')

/** How long after this coach's last keystroke the highlights are checked against Yjs. */
export const RefreshAfterTypingMs = 300

interface CommentHighlightState {
  decorations: DecorationSet
  activeId: string | null
}

interface Meta {
  refresh?: true
  activeId?: string | null
  /** Decorations already computed for the transaction's state (the refresh after a Yjs change). */
  computed?: DecorationSet
}

/** Whether two sets highlight the same comments at the same places (the refresh is skipped then). */
function sameHighlights(a: DecorationSet, b: DecorationSet): boolean {
  const left = a.find()
  const right = b.find()
  return (
    left.length === right.length &&
    left.every((decoration, i) => {
      const other = right[i]!
      const spec = decoration.spec as { commentId?: string; active?: boolean }
      const otherSpec = other.spec as { commentId?: string; active?: boolean }
      return decoration.from === other.from && decoration.to === other.to && spec.commentId === otherSpec.commentId && spec.active === otherSpec.active
    })
  )
}

interface SyncState {
  doc: Y.Doc
  type: Y.XmlFragment
  binding: { mapping: Map<Y.AbstractType<unknown>, PMNode | PMNode[]> } | null
}

function syncStateOf(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined
  return sync && sync.binding ? sync : null
}

/** The text part of a range: from the first to the last selected character, or null when no text is in it. */
export function textRange(doc: PMNode, from: number, to: number): { from: number; to: number } | null {
  let first = -1
  let last = -1
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isText) {
      const start = Math.max(from, pos)
      const end = Math.min(to, pos + node.nodeSize)
      if (start < end) {
        if (first < 0) {
          first = start
        }
        last = end
      }
    }
    return true
  })
  return first < 0 ? null : { from: first, to: last }
}

/** Whether the selection holds any text to comment on. */
export function selectionHasText(state: EditorState): boolean {
  const { from, to, empty } = state.selection
  return !empty && textRange(state.doc, from, to) !== null
}

/** An anchor for the editor's current selection; null without selected text or before the binding is ready. */
export function anchorFromSelection(state: EditorState, phase: Phase): CommentAnchor | null {
  const sync = syncStateOf(state)
  if (!sync?.binding || state.selection.empty) {
    return null
  }
  const range = textRange(state.doc, state.selection.from, state.selection.to)
  if (!range) {
    return null
  }
  const mapping = sync.binding.mapping
  const start = absolutePositionToRelativePosition(range.from, sync.type, mapping) as Y.RelativePosition
  const end = absolutePositionToRelativePosition(range.to, sync.type, mapping) as Y.RelativePosition
  return {
    phase,
    start: stickInward(sync.doc, start, 'start'),
    end: stickInward(sync.doc, end, 'end'),
    quote: state.doc.textBetween(range.from, range.to, ' '),
  }
}

/** Where an anchor is in the editor now; null when it is detached or not in this editor. */
export function anchorRange(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
  const sync = syncStateOf(state)
  if (!sync?.binding) {
    return null
  }
  try {
    const mapping = sync.binding.mapping
    const toEditor = (position: Y.RelativePosition): number | null => {
      // Resolve in Yjs first, then hand y-tiptap an index-based position: its
      // heuristic takes an item-based text position at the very start of the
      // document for a misresolved one (isMisresolvedTextPosition).
      const absolute = Y.createAbsolutePositionFromRelativePosition(position, sync.doc)
      if (!absolute) {
        return null
      }
      const plain = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1)
      return relativePositionToAbsolutePosition(sync.doc, sync.type, plain, mapping)
    }
    const from = toEditor(anchor.start)
    const to = toEditor(anchor.end)
    if (from === null || to === null || from >= to || to > state.doc.content.size) {
      return null
    }
    return textRange(state.doc, from, to)
  } catch {
    return null
  }
}

function computeDecorations(state: EditorState, phase: Phase, activeId: string | null): DecorationSet {
  const sync = syncStateOf(state)
  if (!sync) {
    return DecorationSet.empty
  }
  const decorations: Decoration[] = []
  for (const comment of readComments(sync.doc, phase)) {
    if (comment.resolved || !comment.anchor || comment.position.status !== 'attached') {
      continue
    }
    const range = anchorRange(state, comment.anchor)
    if (!range) {
      continue
    }
    decorations.push(
      Decoration.inline(
        range.from,
        range.to,
        {
          class: comment.id === activeId ? 'comment-highlight comment-highlight-active' : 'comment-highlight',
          'data-testid': 'comment.highlight',
          'data-comment-id': comment.id,
        },
        { commentId: comment.id, active: comment.id === activeId },
      ),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}

export interface CommentsExtensionOptions {
  phase: Phase
  /** Called by the keyboard shortcut (Mod-Alt-M) with a non-empty selection. */
  onRequestComment: (editor: Editor) => void
  /** Called when the caret or a click lands in a highlight. */
  onActivate: (commentId: string | null) => void
}

/** Asks the highlight plugin to recompute (comments changed) or to mark one comment as active. */
export function refreshCommentHighlights(editor: Editor, activeId?: string | null): void {
  if (editor.isDestroyed) {
    return
  }
  const meta: Meta = activeId === undefined ? { refresh: true } : { refresh: true, activeId }
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, meta))
}

/** Highlights the commented text of one phase, and the shortcut to add a comment. */
export const CommentHighlight = Extension.create<CommentsExtensionOptions>({
  name: 'commentHighlight',

  addOptions() {
    return { phase: 'analysis', onRequestComment: () => {}, onActivate: () => {} }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        if (!this.editor.isEditable || !selectionHasText(this.editor.state)) {
          return false
        }
        this.options.onRequestComment(this.editor)
        return true
      },
    }
  },

  addProseMirrorPlugins() {
    const { phase } = this.options
    const options = this.options
    return [
      new Plugin<CommentHighlightState>({
        key: commentHighlightKey,
        state: {
          init: (_config, state) => ({ decorations: computeDecorations(state, phase, null), activeId: null }),
          apply: (tr, previous, _oldState, newState) => {
            const meta = tr.getMeta(commentHighlightKey) as Meta | undefined
            const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : previous.activeId
            if (meta?.refresh) {
              return { decorations: meta.computed ?? computeDecorations(newState, phase, activeId), activeId }
            }
            return { decorations: tr.docChanged ? previous.decorations.map(tr.mapping, tr.doc) : previous.decorations, activeId }
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state)?.decorations ?? DecorationSet.empty,
          handleClick: (view, pos) => {
            const set = commentHighlightKey.getState(view.state)?.decorations
            const found = set?.find(pos, pos).find((decoration) => typeof (decoration.spec as { commentId?: unknown }).commentId === 'string')
            options.onActivate(found ? ((found.spec as { commentId: string }).commentId) : null)
            return false
          },
        },
        view: (view) => {
          const sync = syncStateOf(view.state) ?? (ySyncPluginKey.getState(view.state) as SyncState | undefined)
          if (!sync) {
            return {}
          }
          let scheduled = false
          let destroyed = false
          let later: ReturnType<typeof setTimeout> | undefined
          const refresh = (): void => {
            clearTimeout(later)
            later = undefined
            if (destroyed || view.isDestroyed) {
              return
            }
            // Typing maps the highlights along already: a transaction (a
            // whole round of the editor's plugins) only when they moved or
            // changed, not after every keystroke (issue 21, point 4).
            const current = commentHighlightKey.getState(view.state)
            const computed = computeDecorations(view.state, phase, current?.activeId ?? null)
            if (current && sameHighlights(current.decorations, computed)) {
              return
            }
            view.dispatch(view.state.tr.setMeta(commentHighlightKey, { refresh: true, computed } satisfies Meta))
          }
          const schedule = (): void => {
            if (scheduled) {
              return
            }
            scheduled = true
            queueMicrotask(() => {
              scheduled = false
              refresh()
            })
          }
          // This coach's own typing: the mapped highlights already follow it
          // (both ends are exclusive, like the anchor's), so the check against
          // Yjs, which resolves every comment of the note, waits for a pause
          // instead of running with each key (then it corrects whatever the
          // mapping got wrong).
          const scheduleAfterTyping = (): void => {
            clearTimeout(later)
            later = setTimeout(refresh, RefreshAfterTypingMs)
          }
          const onNoteChange = (_events: unknown, transaction: Y.Transaction): void => {
            if (transaction.origin === ySyncPluginKey) {
              scheduleAfterTyping()
            } else {
              schedule()
            }
          }
          const comments = commentsArray(sync.doc)
          const fragment = sync.type
          comments.observeDeep(schedule)
          fragment.observeDeep(onNoteChange)
          // The binding fills its mapping on first render; compute once it has.
          schedule()
          return {
            destroy: () => {
              destroyed = true
              clearTimeout(later)
              comments.unobserveDeep(schedule)
              fragment.unobserveDeep(onNoteChange)
            },
          }
        },
      }),
    ]
  },
})
