/**
 * Reads a tiptap fragment of a case document into plain blocks
 * ({@link CopyBlock}), keeping only the structure a copy keeps: paragraphs,
 * headings (level), lists (ordered start), list items, quotes, code blocks,
 * hard breaks, rules, and the marks bold, italic, strike, underline, code.
 * Every other attribute (links' hrefs, anything a newer editor adds) is left
 * behind; an unknown element is read for its text, so no content is lost
 * unanonymised and none is copied as structure.
 */
import * as Y from 'yjs'
import { CopyMarks, type CopyBlock, type CopyInline, type CopyMark } from '../caseDocument/supervisionCopy.js'

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

function marksOf(attributes: Record<string, unknown> | undefined): CopyMark[] {
  if (!attributes) {
    return []
  }
  return CopyMarks.filter((mark) => attributes[mark] !== undefined && attributes[mark] !== null && attributes[mark] !== false)
}

function inlineOf(parent: Y.XmlElement | Y.XmlFragment, out: CopyInline[] = []): CopyInline[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as DeltaOp[]) {
        if (typeof op.insert === 'string' && op.insert !== '') {
          out.push({ type: 'text', text: op.insert, marks: marksOf(op.attributes) })
        }
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') {
        out.push({ type: 'hardBreak' })
      } else {
        inlineOf(child, out)
      }
    }
  }
  return out
}

function numberAttribute(element: Y.XmlElement, name: string, fallback: number, min: number, max: number): number {
  const value = Number(element.getAttribute(name))
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback
}

/** Whether an element holds inline content (text) rather than blocks. */
function holdsText(element: Y.XmlElement | Y.XmlFragment): boolean {
  return element.toArray().some((child) => child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === 'hardBreak'))
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment): CopyBlock[] {
  const blocks: CopyBlock[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      // Text directly in a container: read it as a paragraph.
      const content: CopyInline[] = (child.toDelta() as DeltaOp[]).flatMap((op) =>
        typeof op.insert === 'string' && op.insert !== '' ? [{ type: 'text' as const, text: op.insert, marks: marksOf(op.attributes) }] : [],
      )
      if (content.length > 0) {
        blocks.push({ type: 'paragraph', content })
      }
      continue
    }
    if (!(child instanceof Y.XmlElement)) {
      continue
    }
    switch (child.nodeName) {
      case 'paragraph':
      case 'codeBlock':
        blocks.push({ type: child.nodeName, content: inlineOf(child) })
        break
      case 'heading':
        blocks.push({ type: 'heading', level: numberAttribute(child, 'level', 3, 1, 6), content: inlineOf(child) })
        break
      case 'blockquote':
        blocks.push({ type: 'blockquote', content: blocksOf(child) })
        break
      case 'bulletList':
      case 'orderedList': {
        const items = child
          .toArray()
          .filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
          .map((item) => (holdsText(item) ? [{ type: 'paragraph' as const, content: inlineOf(item) }] : blocksOf(item)))
        blocks.push(
          child.nodeName === 'orderedList' ? { type: 'orderedList', start: numberAttribute(child, 'start', 1, 0, 100_000), items } : { type: 'bulletList', items },
        )
        break
      }
      case 'horizontalRule':
        blocks.push({ type: 'horizontalRule' })
        break
      default:
        // An element of a newer editor: keep its text, not its structure.
        if (holdsText(child)) {
          blocks.push({ type: 'paragraph', content: inlineOf(child) })
        } else {
          blocks.push(...blocksOf(child))
        }
    }
  }
  return blocks
}

/** The blocks of a rich-text fragment, in document order. */
export function readRichText(fragment: Y.XmlFragment): CopyBlock[] {
  return blocksOf(fragment)
}
