/**
 * The tiptap mark `anonymised` (shared/src/caseDocument/supervisionCopy.ts):
 * every placeholder in a copy's rich text carries it. Without this extension
 * the editor's schema would not know the mark and y-prosemirror would drop
 * the text. Rendered as a highlighted <mark> whose title and
 * aria-description say what was replaced ("ersetzt: Person A").
 */
import { Mark, mergeAttributes } from '@tiptap/core'
import { AnonymisedMark } from '../../../../shared/src/caseDocument/supervisionCopy.js'

export interface AnonymisedMarkOptions {
  /** The accessible description of a placeholder, e.g. "ersetzt: Person A". */
  describe: (placeholder: string, kind: string) => string
}

export const AnonymisedMarkExtension = Mark.create<AnonymisedMarkOptions>({
  name: AnonymisedMark,
  inclusive: false,
  addOptions() {
    return { describe: (placeholder: string) => `ersetzt: ${placeholder}` }
  },
  addAttributes() {
    return {
      placeholder: { default: '', renderHTML: () => ({}) },
      kind: { default: 'identifier', renderHTML: () => ({}) },
    }
  },
  parseHTML() {
    return [{ tag: 'mark[data-anonymised]' }]
  },
  renderHTML({ mark, HTMLAttributes }) {
    const placeholder = String(mark.attrs.placeholder ?? '')
    const kind = String(mark.attrs.kind ?? '')
    const description = this.options.describe(placeholder, kind)
    return [
      'mark',
      mergeAttributes(HTMLAttributes, {
        class: `anonymised anonymised-${kind}`,
        'data-anonymised': kind,
        'data-testid': 'supervision.replacement',
        title: description,
        'aria-description': description,
      }),
      0,
    ]
  },
})
