/** Rich text as Markdown (CommonMark), for the report's Markdown export. */
import type * as Y from 'yjs'
import { fragmentToBlocks, type TextBlock } from './textBlocks.js'

/** Markdown of text blocks (headings shifted so that `minLevel` is the top); empty paragraphs and quotes left out. */
export function blocksToMarkdown(blocks: readonly TextBlock[], minLevel = 4): string {
  let out = ''
  let previous: TextBlock | undefined
  for (const block of blocks) {
    if ((block.kind === 'paragraph' || block.kind === 'quote') && block.text.trim() === '') {
      continue
    }
    let line: string
    switch (block.kind) {
      case 'heading':
        line = `${'#'.repeat(Math.min(6, Math.max(minLevel, minLevel + (block.level ?? 3) - 3)))} ${block.markdown}`
        break
      case 'listItem':
        line = `${'   '.repeat((block.level ?? 1) - 1)}${block.number !== undefined ? `${block.number}.` : '-'} ${block.markdown.replace(/\n/g, '\n   ')}`
        break
      case 'quote':
        line = `> ${block.markdown.replace(/\n/g, '\n> ')}`
        break
      case 'code':
        line = `\`\`\`\n${block.text.replace(/```/g, "'''")}\n\`\`\``
        break
      default:
        line = block.markdown
    }
    if (previous) {
      out += previous.kind === 'listItem' && block.kind === 'listItem' ? '\n' : '\n\n'
    }
    out += line
    previous = block
  }
  return out
}

/** Markdown of a fragment (see {@link blocksToMarkdown}). */
export function fragmentToMarkdown(fragment: Y.XmlFragment, minLevel = 4): string {
  return blocksToMarkdown(fragmentToBlocks(fragment), minLevel)
}
