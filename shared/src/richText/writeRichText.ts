/**
 * Writing a {@link RichBlock} tree into a fresh fragment: the inverse of
 * {@link readRichText}, for documents built from plain content (the
 * supervision copy). Each run's marks are written as its Yjs format
 * attributes, the way tiptap stores marks.
 */
import * as Y from 'yjs'
import type { RichBlock, RichInline } from './blocks.js'

/** tiptap keeps node attributes as their JSON values: a heading's level is a number, not a string. */
function setNumberAttribute(element: Y.XmlElement, name: string, value: number): void {
  ;(element as unknown as Y.XmlElement<{ [key: string]: number }>).setAttribute(name, value)
}

function textBlockElement(name: string, content: readonly RichInline[]): Y.XmlElement {
  const element = new Y.XmlElement(name)
  const children: Array<Y.XmlText | Y.XmlElement> = []
  let text: Y.XmlText | null = null
  const pending: Array<[Y.XmlText, string, Record<string, unknown>]> = []
  for (const inline of content) {
    if (inline.type === 'hardBreak') {
      children.push(new Y.XmlElement('hardBreak'))
      text = null
      continue
    }
    if (inline.text === '') {
      continue
    }
    if (!text) {
      text = new Y.XmlText()
      children.push(text)
    }
    pending.push([text, inline.text, { ...inline.marks }])
  }
  element.insert(0, children)
  // Runs are appended in order with explicit attributes (an empty object for
  // plain text): Yjs then writes only insertions and format markers, never a
  // deletion, so the document's update has an empty delete set.
  const lengths = new Map<Y.XmlText, number>()
  for (const [node, run, attributes] of pending) {
    const at = lengths.get(node) ?? 0
    node.insert(at, run, attributes)
    lengths.set(node, at + run.length)
  }
  return element
}

function blockElement(block: RichBlock): Y.XmlElement {
  switch (block.type) {
    case 'paragraph':
    case 'codeBlock':
      return textBlockElement(block.type, block.content)
    case 'heading': {
      const element = textBlockElement('heading', block.content)
      setNumberAttribute(element, 'level', block.level)
      return element
    }
    case 'blockquote': {
      const element = new Y.XmlElement('blockquote')
      element.insert(0, block.content.map(blockElement))
      return element
    }
    case 'bulletList':
    case 'orderedList': {
      const element = new Y.XmlElement(block.type)
      if (block.type === 'orderedList') {
        setNumberAttribute(element, 'start', block.start)
      }
      element.insert(
        0,
        block.items.map((item) => {
          const listItem = new Y.XmlElement('listItem')
          // A list item needs a block inside (ProseMirror's listItem content is `paragraph block*`).
          listItem.insert(0, (item.length > 0 ? item : [{ type: 'paragraph', content: [] } satisfies RichBlock]).map(blockElement))
          return listItem
        }),
      )
      return element
    }
    case 'horizontalRule':
      return new Y.XmlElement('horizontalRule')
  }
}

/** Appends blocks to a fragment (meant for an empty one in a new document). */
export function writeRichText(fragment: Y.XmlFragment, blocks: readonly RichBlock[]): void {
  if (blocks.length > 0) {
    fragment.insert(fragment.length, blocks.map(blockElement))
  }
}
