import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { hasText, mapInline, type RichBlock } from './blocks.js'
import { readRichText } from './readRichText.js'
import { fragmentToBlocks } from './textBlocks.js'
import { writeRichText } from './writeRichText.js'

const tree: RichBlock[] = [
  { type: 'heading', level: 2, content: [{ type: 'text', text: 'Besuch', marks: {} }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Frau ', marks: { bold: {} } },
      { type: 'text', text: 'Lange', marks: { bold: {}, anonymised: { placeholder: 'Person A', kind: 'person' } } },
      { type: 'hardBreak' },
      { type: 'text', text: 'Link', marks: { link: { href: 'https://example.org' } } },
    ],
  },
  { type: 'orderedList', start: 0, items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'null', marks: {} }] }]] },
  { type: 'blockquote', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'x = 1', marks: {} }] }] },
  { type: 'horizontalRule' },
]

describe('rich text tree', () => {
  it('reads back what it wrote, every mark with its attributes', () => {
    const doc = new Y.Doc()
    writeRichText(doc.getXmlFragment('x'), tree)
    expect(readRichText(doc.getXmlFragment('x'))).toEqual(tree)
  })

  it('reads a heading level or list start out of range as the default', () => {
    const doc = new Y.Doc()
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', '9')
    const list = new Y.XmlElement('orderedList')
    list.setAttribute('start', 'x')
    doc.getXmlFragment('x').insert(0, [heading, list])
    expect(readRichText(doc.getXmlFragment('x'))).toEqual([
      { type: 'heading', level: 3, content: [] },
      { type: 'orderedList', start: 1, items: [] },
    ])
  })

  it('maps text blocks depth first in document order', () => {
    const seen: string[] = []
    mapInline(tree, (content, block) => {
      seen.push(`${block.type}:${content.length}`)
      return []
    })
    expect(seen).toEqual(['heading:1', 'paragraph:4', 'paragraph:1', 'codeBlock:1'])
  })

  it('numbers an ordered list from its start, and has text only with more than white space', () => {
    const doc = new Y.Doc()
    writeRichText(doc.getXmlFragment('x'), tree)
    expect(fragmentToBlocks(doc.getXmlFragment('x')).find((block) => block.kind === 'listItem')?.number).toBe(0)
    expect(hasText(tree)).toBe(true)
    expect(hasText([{ type: 'paragraph', content: [{ type: 'text', text: ' \n', marks: {} }, { type: 'hardBreak' }] }])).toBe(false)
  })
})
