/**
 * Reading a tiptap rich-text fragment (Y.XmlFragment) as blocks of plain text
 * or Markdown, for reports and exports. Knows the StarterKit node names the
 * editor writes (paragraph, heading, bulletList, orderedList, listItem,
 * blockquote, codeBlock, hardBreak, horizontalRule); an unknown element is
 * read for its text, so content of a newer editor is not lost.
 */
import * as Y from 'yjs'

export type TextBlockKind = 'paragraph' | 'heading' | 'listItem' | 'quote' | 'code' | 'rule'

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

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

/** Escapes Markdown's inline specials in user text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, '$1\\.')
}

function inlineOf(element: Y.XmlElement | Y.XmlFragment): { text: string; markdown: string } {
  let text = ''
  let markdown = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as DeltaOp[]) {
        if (typeof op.insert !== 'string') {
          continue
        }
        text += op.insert
        markdown += markdownOfRun(op.insert, op.attributes ?? {})
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') {
        text += '\n'
        markdown += '  \n'
      } else {
        const inner = inlineOf(child)
        text += inner.text
        markdown += inner.markdown
      }
    }
  }
  return { text, markdown }
}

function markdownOfRun(run: string, attributes: Record<string, unknown>): string {
  if (run === '') {
    return ''
  }
  if (attributes.code !== undefined && attributes.code !== null) {
    return `\`${run.replace(/`/g, "'")}\``
  }
  // Keep surrounding spaces outside the markers, or Markdown ignores them.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run)
  const [, lead = '', core = '', trail = ''] = match ?? []
  if (core === '') {
    return run
  }
  let out = escapeMarkdown(core)
  if (attributes.bold !== undefined && attributes.bold !== null) {
    out = `**${out}**`
  }
  if (attributes.italic !== undefined && attributes.italic !== null) {
    out = `*${out}*`
  }
  if (attributes.strike !== undefined && attributes.strike !== null) {
    out = `~~${out}~~`
  }
  const link = attributes.link as { href?: unknown } | undefined
  if (link && typeof link.href === 'string' && /^(https?:|mailto:)/i.test(link.href)) {
    out = `[${out}](${link.href.replace(/[()\s]/g, encodeURIComponent)})`
  }
  return `${lead}${out}${trail}`
}

/** The blocks of a rich-text fragment, in document order. */
export function fragmentToBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement, depth: number, quote: boolean): void => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        // Text directly in a container (not in a paragraph): read it as a paragraph.
        const text = child.toString() === '' ? '' : inlineOfText(child)
        if (text !== '') {
          blocks.push({ kind: quote ? 'quote' : 'paragraph', text, markdown: escapeMarkdown(text) })
        }
        continue
      }
      if (!(child instanceof Y.XmlElement)) {
        continue
      }
      switch (child.nodeName) {
        case 'paragraph': {
          const inline = inlineOf(child)
          blocks.push({ kind: quote ? 'quote' : 'paragraph', ...inline })
          break
        }
        case 'heading': {
          const level = Number(child.getAttribute('level')) || 3
          blocks.push({ kind: 'heading', level, ...inlineOf(child) })
          break
        }
        case 'codeBlock': {
          const text = inlineOf(child).text
          blocks.push({ kind: 'code', text, markdown: text })
          break
        }
        case 'horizontalRule':
          blocks.push({ kind: 'rule', text: '', markdown: '---' })
          break
        case 'blockquote':
          walk(child, depth, true)
          break
        case 'bulletList':
        case 'orderedList': {
          let number = Number(child.getAttribute('start')) || 1
          for (const item of child.toArray()) {
            if (!(item instanceof Y.XmlElement)) {
              continue
            }
            const before = blocks.length
            walk(item, depth + 1, quote)
            // The item's first block carries the bullet; nested lists keep their own.
            const first = blocks[before]
            if (first && first.kind !== 'listItem') {
              blocks[before] = {
                ...first,
                kind: 'listItem',
                level: depth + 1,
                ...(child.nodeName === 'orderedList' ? { number } : {}),
              }
            }
            number++
          }
          break
        }
        default:
          walk(child, depth, quote)
      }
    }
  }
  walk(fragment, 0, false)
  return blocks
}

function inlineOfText(text: Y.XmlText): string {
  let result = ''
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert === 'string') {
      result += op.insert
    }
  }
  return result
}

/** Plain text of a fragment: blocks separated by a blank line, list items by a newline. */
export function fragmentToPlainText(fragment: Y.XmlFragment): string {
  return blocksToPlainText(fragmentToBlocks(fragment))
}

export function blocksToPlainText(blocks: TextBlock[]): string {
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

/** Markdown of the blocks (headings shifted so that `minLevel` is the top). */
export function blocksToMarkdown(blocks: TextBlock[], minLevel = 4): string {
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

/** Markdown of a fragment. */
export function fragmentToMarkdown(fragment: Y.XmlFragment, minLevel = 4): string {
  return blocksToMarkdown(fragmentToBlocks(fragment), minLevel)
}
