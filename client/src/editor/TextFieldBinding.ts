/**
 * Binds a plain <input> or <textarea> to a Y.Text character-wise (contract
 * §8.1): each local input becomes the minimal edit of the Y.Text, each
 * remote change is applied to the field with the caret carried along, and
 * focus or blur never writes. During an IME composition nothing is written;
 * the composed text is rebased over what arrived meanwhile at its end.
 */
import type * as Y from 'yjs'
import { applyEditToString, diffText, rebaseEdit, transformSelection, type DeltaOp, type TextEdit } from './textDelta.js'

/** A plain text field element. */
export type TextFieldElement = HTMLInputElement | HTMLTextAreaElement

export interface TextFieldBindingOptions {
  /** The bound text; null while the document has none yet (created by {@link ensureText} on the first input). */
  text: Y.Text | null
  /** Creates the text on the first input (before, and outside, the undoable write). */
  ensureText: () => Y.Text | null
  /** Runs a write as this client's undoable local edit. */
  write: (change: () => void) => void
  /** One line only: line breaks (pasted) become spaces. */
  singleLine?: boolean
  /** Called after the field's value changed (local or remote), e.g. to grow a textarea. */
  onValueChange?: () => void
}

/** See the module comment; {@link destroy} detaches everything. */
export class TextFieldBinding {
  /** The text the field showed when it last matched the Y.Text (the base of the next diff). */
  private shown: string
  private composing = false
  /** Remote changes that arrived during a composition, to rebase the composed text over. */
  private pendingRemote: DeltaOp[][] = []
  private writing = false

  constructor(
    private readonly element: TextFieldElement,
    private readonly options: TextFieldBindingOptions,
  ) {
    this.shown = options.text?.toString() ?? ''
    if (element.value !== this.shown) {
      this.setValue(this.shown, null)
    }
    options.text?.observe(this.handleRemote)
    element.addEventListener('input', this.handleInput)
    element.addEventListener('compositionstart', this.handleCompositionStart)
    element.addEventListener('compositionend', this.handleCompositionEnd)
  }

  destroy(): void {
    this.options.text?.unobserve(this.handleRemote)
    this.element.removeEventListener('input', this.handleInput)
    this.element.removeEventListener('compositionstart', this.handleCompositionStart)
    this.element.removeEventListener('compositionend', this.handleCompositionEnd)
  }

  private readonly handleCompositionStart = (): void => {
    this.composing = true
    this.pendingRemote = []
  }

  private readonly handleCompositionEnd = (): void => {
    this.composing = false
    this.commitLocal(this.pendingRemote)
    this.pendingRemote = []
  }

  private readonly handleInput = (event: Event): void => {
    if (this.composing || (event as InputEvent).isComposing) {
      return
    }
    this.commitLocal([])
  }

  /** Writes what the user changed since {@link shown}; `remote` are changes the base has not seen. */
  private commitLocal(remote: DeltaOp[][]): void {
    const element = this.element
    if (this.options.singleLine && /[\r\n]/.test(element.value)) {
      const { selectionStart, selectionEnd } = element
      element.value = element.value.replace(/\r\n?|\n/g, (match) => ' '.repeat(match.length))
      element.setSelectionRange(selectionStart, selectionEnd)
    }
    const local = diffText(this.shown, element.value, element.selectionEnd)
    if (local === null) {
      if (remote.length > 0) {
        this.showText(remote)
      }
      return
    }
    const edit = remote.length > 0 ? rebaseEdit(local, remote) : local
    // Created outside the undoable write: undoing the first word must not
    // remove the text itself, with what others typed into it since.
    const text = this.options.text ?? this.options.ensureText()
    if (text === null) {
      // Nothing to write into (a value of another type): show the document again.
      this.setValue(this.shown, null)
      return
    }
    this.writing = true
    try {
      this.options.write(() => applyEdit(text, edit))
    } finally {
      this.writing = false
    }
    const now = text.toString()
    if (remote.length === 0 && now === applyEditToString(this.shown, edit) && now === element.value) {
      this.shown = now
      this.options.onValueChange?.()
      return
    }
    // The Y.Text differs from the field (rebased over remote changes, or a
    // limit): show it, caret after what the user just typed.
    const caret = edit.index + edit.insert.length
    this.setValue(now, { start: caret, end: caret })
  }

  private readonly handleRemote = (event: Y.YTextEvent): void => {
    if (this.writing) {
      return
    }
    if (this.composing) {
      // Changing the value mid-composition breaks the IME: keep the change for compositionend.
      this.pendingRemote.push(event.delta as DeltaOp[])
      return
    }
    this.showText([event.delta as DeltaOp[]])
  }

  /** Shows the Y.Text's content, carrying the selection over `deltas` (relative to {@link shown}). */
  private showText(deltas: DeltaOp[][]): void {
    const value = this.options.text?.toString() ?? ''
    const element = this.element
    const focused = element.ownerDocument.activeElement === element
    let selection: { start: number; end: number } | null = null
    if (focused && element.selectionStart !== null && element.selectionEnd !== null) {
      selection = { start: element.selectionStart, end: element.selectionEnd }
      for (const delta of deltas) {
        selection = transformSelection(delta, selection.start, selection.end)
      }
    }
    this.setValue(value, selection)
  }

  private setValue(value: string, selection: { start: number; end: number } | null): void {
    const element = this.element
    this.shown = value
    if (element.value !== value) {
      const direction = element.selectionDirection ?? undefined
      element.value = value
      if (selection) {
        element.setSelectionRange(Math.min(selection.start, value.length), Math.min(selection.end, value.length), direction)
      }
    }
    this.options.onValueChange?.()
  }
}

/** Applies an edit to a Y.Text (the caller's transaction makes it one change). */
export function applyEdit(text: Y.Text, edit: TextEdit): void {
  if (edit.remove > 0) {
    text.delete(edit.index, Math.min(edit.remove, Math.max(0, text.length - edit.index)))
  }
  if (edit.insert !== '') {
    text.insert(Math.min(edit.index, text.length), edit.insert)
  }
}
