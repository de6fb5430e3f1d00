/**
 * The typed block tree every reader of tiptap rich text shares: what
 * {@link readRichText} returns and what {@link writeRichText} writes. The
 * renderers (plain text, Markdown, the report's text blocks) and the
 * anonymiser work on this tree, never on Yjs types.
 *
 * The node names are tiptap StarterKit's (ProseMirror's schema names), so a
 * block maps one to one onto the `Y.XmlElement` it was read from or is
 * written to.
 */

/** A run of text with its marks, or a hard break: the inline content of a text block. */
export type RichInline =
  | {
      type: 'text'
      text: string
      /**
       * The run's marks as Yjs stores them: mark name -> attributes (`{}` for
       * bold, `{ href }` for a link, `{ placeholder, kind }` for `anonymised`).
       */
      marks: Readonly<Record<string, unknown>>
    }
  | { type: 'hardBreak' }

/**
 * One block of rich text. `I` is the inline content: {@link RichInline} as
 * read; a consumer may map it (the supervision copy keeps only some marks).
 */
export type RichBlock<I = RichInline> =
  | { type: 'paragraph'; content: I[] }
  | { type: 'heading'; level: number; content: I[] }
  | { type: 'codeBlock'; content: I[] }
  | { type: 'blockquote'; content: RichBlock<I>[] }
  | { type: 'bulletList'; items: RichBlock<I>[][] }
  | { type: 'orderedList'; start: number; items: RichBlock<I>[][] }
  | { type: 'horizontalRule' }

/** The blocks that hold inline content. */
export type RichTextBlock<I = RichInline> = Extract<RichBlock<I>, { type: 'paragraph' | 'heading' | 'codeBlock' }>

/** Heading levels tiptap knows; anything else reads as {@link DefaultHeadingLevel}. */
export const HeadingLevels = { min: 1, max: 6 } as const
/** The level of a heading whose level attribute is missing or out of range. */
export const DefaultHeadingLevel = 3
/** Bounds of an ordered list's start number; anything else reads as 1. */
export const OrderedListStart = { min: 0, max: 100_000 } as const

/**
 * The same tree with every text block's content mapped, depth first in
 * document order (list items and quotes included), so `map` is called once
 * per paragraph, heading and code block in reading order.
 */
export function mapInline<I, O>(blocks: readonly RichBlock<I>[], map: (content: readonly I[], block: RichTextBlock<I>) => O[]): RichBlock<O>[] {
  const walk = (block: RichBlock<I>): RichBlock<O> => {
    switch (block.type) {
      case 'paragraph':
      case 'codeBlock':
        return { type: block.type, content: map(block.content, block) }
      case 'heading':
        return { type: 'heading', level: block.level, content: map(block.content, block) }
      case 'blockquote':
        return { type: 'blockquote', content: block.content.map(walk) }
      case 'bulletList':
        return { type: 'bulletList', items: block.items.map((item) => item.map(walk)) }
      case 'orderedList':
        return { type: 'orderedList', start: block.start, items: block.items.map((item) => item.map(walk)) }
      case 'horizontalRule':
        return block
    }
  }
  return blocks.map(walk)
}

/** Every text run of the tree, in document order. */
export function textRunsOf(blocks: readonly RichBlock[]): string[] {
  const runs: string[] = []
  mapInline(blocks, (content) => {
    for (const inline of content) {
      if (inline.type === 'text') {
        runs.push(inline.text)
      }
    }
    return []
  })
  return runs
}

/** Whether any text run holds more than white space. */
export function hasText(blocks: readonly RichBlock[]): boolean {
  return textRunsOf(blocks).some((run) => run.trim() !== '')
}
