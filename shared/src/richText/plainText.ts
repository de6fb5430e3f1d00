/** Rich text as plain text (exports, the report's section text). */
import type * as Y from 'yjs'
import { fragmentToBlocks, type TextBlock } from './textBlocks.js'

/** Plain text of text blocks: blocks separated by a blank line, list items by a newline; empty paragraphs left out. */
export function blocksToPlainText(blocks: readonly TextBlock[]): string {
  let out = ''
  let previous: TextBlock | undefined
  for (const block of blocks) {
    if (block.kind === 'paragraph' && block.text.trim() === '') {
      continue
    }
    const line = block.kind === 'listItem' ? `${'  '.repeat((block.level ?? 1) - 1)}${block.number !== undefined ? `${block.number}.` : '-'} ${block.text}` : block.text
    if (previous) {
      out += previous.kind === 'listItem' && block.kind === 'listItem' ? '\n' : '\n\n'
    }
    out += line
    previous = block
  }
  return out
}

/** Plain text of a fragment (see {@link blocksToPlainText}). */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  return blocksToPlainText(fragmentToBlocks(fragment))
}
