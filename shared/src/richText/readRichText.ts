/**
 * The one reader of tiptap rich text: a `Y.XmlFragment` into a
 * {@link RichBlock} tree. Knows StarterKit's nodes (paragraph, heading,
 * bulletList, orderedList, listItem, blockquote, codeBlock, hardBreak,
 * horizontalRule) and keeps every mark with its attributes. An element it does
 * not know (a newer editor's) is read for its text: no text run is ever
 * dropped, which the anonymiser relies on (text it did not see would reach a
 * supervision copy unanonymised if it were copied as structure).
 */
import * as Y from 'yjs'
import { DefaultHeadingLevel, HeadingLevels, OrderedListStart, type RichBlock, type RichInline } from './blocks.js'
import { textRuns } from './textNodes.js'

/** Yjs drops a removed format attribute; a `null` or `undefined` value is no mark. */
function marksOf(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const marks: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      marks[name] = value
    }
  }
  return marks
}

function runsOf(text: Y.XmlText, out: RichInline[]): RichInline[] {
  for (const run of textRuns(text)) {
    out.push({ type: 'text', text: run.text, marks: marksOf(run.attributes) })
  }
  return out
}

/** All inline content below an element, flattened (inline elements other than hard breaks are read for their text). */
function inlineOf(parent: Y.XmlElement | Y.XmlFragment, out: RichInline[] = []): RichInline[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      runsOf(child, out)
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

function numberAttribute(element: Y.XmlElement, name: string, fallback: number, bounds: { min: number; max: number }): number {
  const value = Number(element.getAttribute(name))
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max ? value : fallback
}

/** Whether an element holds inline content (text) rather than blocks. */
function holdsText(element: Y.XmlElement | Y.XmlFragment): boolean {
  return element.toArray().some((child) => child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName === 'hardBreak'))
}

function blocksOf(parent: Y.XmlElement | Y.XmlFragment): RichBlock[] {
  const blocks: RichBlock[] = []
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      // Text directly in a container: read it as a paragraph.
      const content = runsOf(child, [])
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
        blocks.push({ type: 'heading', level: numberAttribute(child, 'level', DefaultHeadingLevel, HeadingLevels), content: inlineOf(child) })
        break
      case 'blockquote':
        blocks.push({ type: 'blockquote', content: blocksOf(child) })
        break
      case 'bulletList':
      case 'orderedList': {
        const items = child
          .toArray()
          .filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
          .map((item): RichBlock[] => (holdsText(item) ? [{ type: 'paragraph', content: inlineOf(item) }] : blocksOf(item)))
        blocks.push(
          child.nodeName === 'orderedList' ? { type: 'orderedList', start: numberAttribute(child, 'start', 1, OrderedListStart), items } : { type: 'bulletList', items },
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
export function readRichText(fragment: Y.XmlFragment): RichBlock[] {
  return blocksOf(fragment)
}
