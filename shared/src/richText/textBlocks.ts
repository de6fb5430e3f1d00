/**
 * Rich text as a flat list of text blocks, one per line-level thing a reader
 * sees (paragraph, heading, list item, quote, code, rule): what the report
 * shows and what the plain-text and Markdown renderers write.
 */
import type * as Y from 'yjs'
import type { RichBlock } from './blocks.js'
import { inlineMarkdown, inlineText } from './inline.js'
import { readRichText } from './readRichText.js'

export type TextBlockKind = 'paragraph' | 'heading' | 'listItem' | 'quote' | 'code' | 'rule'

/** One line-level block of rich text. */
export interface TextBlock {
  kind: TextBlockKind
  /** Plain text (hard breaks as newlines). */
  text: string
  /** The same as inline Markdown (bold, italic, code, links). */
  markdown: string
  /** Heading level, or list nesting depth (1 = top level). */
  level?: number
  /** For list items: the number in an ordered list. */
  number?: number
}

/**
 * The text blocks of a tree, in document order. A quote's paragraphs become
 * `quote` blocks; a list item's first block becomes the `listItem` (its
 * further blocks follow as they are, nested lists with their own bullets).
 */
export function toTextBlocks(tree: readonly RichBlock[]): TextBlock[] {
  const blocks: TextBlock[] = []
  const walk = (children: readonly RichBlock[], depth: number, quote: boolean): void => {
    for (const child of children) {
      switch (child.type) {
        case 'paragraph':
          blocks.push({ kind: quote ? 'quote' : 'paragraph', text: inlineText(child.content), markdown: inlineMarkdown(child.content) })
          break
        case 'heading':
          blocks.push({ kind: 'heading', level: child.level, text: inlineText(child.content), markdown: inlineMarkdown(child.content) })
          break
        case 'codeBlock': {
          const text = inlineText(child.content)
          blocks.push({ kind: 'code', text, markdown: text })
          break
        }
        case 'horizontalRule':
          blocks.push({ kind: 'rule', text: '', markdown: '---' })
          break
        case 'blockquote':
          walk(child.content, depth, true)
          break
        case 'bulletList':
        case 'orderedList': {
          let number = child.type === 'orderedList' ? child.start : 1
          for (const item of child.items) {
            const before = blocks.length
            walk(item, depth + 1, quote)
            const first = blocks[before]
            if (first && first.kind !== 'listItem') {
              blocks[before] = { ...first, kind: 'listItem', level: depth + 1, ...(child.type === 'orderedList' ? { number } : {}) }
            }
            number++
          }
          break
        }
      }
    }
  }
  walk(tree, 0, false)
  return blocks
}

/** The text blocks of a rich-text fragment, in document order. */
export function fragmentToBlocks(fragment: Y.XmlFragment): TextBlock[] {
  return toTextBlocks(readRichText(fragment))
}
