/**
 * The Yjs text nodes of a rich-text fragment and their runs: the one place
 * that reads a `Y.XmlText`'s delta. {@link readRichText} builds its tree from
 * the runs; comment anchors need the nodes themselves, because a
 * `Y.RelativePosition` names a node and an index in it.
 */
import * as Y from 'yjs'

interface DeltaOp {
  insert?: unknown
  attributes?: Record<string, unknown>
}

/** One formatted run of a text node: its characters and its Yjs format attributes (tiptap's marks). */
export interface TextRun {
  text: string
  attributes: Readonly<Record<string, unknown>>
}

/** The non-empty string runs of a text node, in order (embeds skipped). */
export function textRuns(text: Y.XmlText | Y.Text): TextRun[] {
  const runs: TextRun[] = []
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert === 'string' && op.insert !== '') {
      runs.push({ text: op.insert, attributes: op.attributes ?? {} })
    }
  }
  return runs
}

/** A text node's plain characters (formatting attributes dropped, embeds skipped). */
export function plainOfText(text: Y.XmlText | Y.Text): string {
  return textRuns(text)
    .map((run) => run.text)
    .join('')
}

/** Text nodes of a fragment in document order (empty ones included: positions may point into them). */
export function textNodesOf(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const nodes: Y.XmlText[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        nodes.push(child)
      } else if (child instanceof Y.XmlElement) {
        walk(child)
      }
    }
  }
  walk(fragment)
  return nodes
}
