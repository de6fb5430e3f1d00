/**
 * Builders for the anonymiser's tests: source documents written the way the
 * editor writes them (tiptap node and mark names), based on the glossary's
 * example case "Kassenbereich Supermarkt".
 */
import * as Y from 'yjs'

/** A run of text with marks, e.g. ['Jo', {}], ['nas', { bold: {} }]. */
export type Run = [string, Record<string, unknown>?]

/** A paragraph (or another text block) from runs; `null` between runs starts a new text node, '\n' alone is a hard break. */
export function textBlock(name: string, ...runs: Array<Run | string | null>): Y.XmlElement {
  const element = new Y.XmlElement(name)
  const children: Array<Y.XmlText | Y.XmlElement> = []
  const writes: Array<[Y.XmlText, Run]> = []
  let current: Y.XmlText | null = null
  for (const run of runs) {
    if (run === null) {
      current = null
      continue
    }
    if (run === '\n') {
      children.push(new Y.XmlElement('hardBreak'))
      current = null
      continue
    }
    const normalised: Run = typeof run === 'string' ? [run, {}] : run
    if (!current) {
      current = new Y.XmlText()
      children.push(current)
    }
    writes.push([current, normalised])
  }
  element.insert(0, children)
  const lengths = new Map<Y.XmlText, number>()
  for (const [node, [text, attributes]] of writes) {
    const at = lengths.get(node) ?? 0
    node.insert(at, text, attributes ?? {})
    lengths.set(node, at + text.length)
  }
  return element
}

export function paragraph(...runs: Array<Run | string | null>): Y.XmlElement {
  return textBlock('paragraph', ...runs)
}

export function heading(level: number, text: string): Y.XmlElement {
  const element = textBlock('heading', text)
  ;(element as unknown as Y.XmlElement<{ [key: string]: number }>).setAttribute('level', level)
  return element
}

export function bulletList(...items: Y.XmlElement[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList')
  list.insert(
    0,
    items.map((content) => {
      const item = new Y.XmlElement('listItem')
      item.insert(0, [content])
      return item
    }),
  )
  return list
}

export function write(fragment: Y.XmlFragment, ...blocks: Y.XmlElement[]): void {
  fragment.insert(fragment.length, blocks)
}

export function mapOf(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(record)) {
    map.set(key, value)
  }
  return map
}

/** Everything readable in a copy: the JSON of every root type and the XML of every fragment. */
export function copyText(doc: Y.Doc): string {
  const parts: string[] = [JSON.stringify(doc.toJSON())]
  for (const [name, type] of doc.share) {
    parts.push(name)
    if (type instanceof Y.XmlFragment) {
      parts.push(doc.getXmlFragment(name).toString())
    }
  }
  return parts.join('\n')
}

/** Whether the doc's full update has deletions. */
export function hasDeletions(doc: Y.Doc): boolean {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).ds.clients.size > 0
}
