import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { newText, replaceText } from './textFields.js'

/** A replica of one text field, as two coaches' browsers hold it. */
function replica(initial: Y.Doc): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(initial))
  return { doc, text: doc.getMap('meta').get('title') as Y.Text }
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

// Seeded, so a failure names a run that can be repeated (FC_SEED overrides).
const seed = Number(process.env.FC_SEED ?? 20261202)

describe('replaceText (property)', () => {
  it('leaves exactly the new value, for any old and new text (incl. astral characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
        const doc = new Y.Doc()
        doc.getMap('meta').set('title', newText(before))
        const text = doc.getMap('meta').get('title') as Y.Text
        replaceText(text, after)
        expect(text.toString()).toBe(after)
      }),
      { seed, numRuns: 300 },
    )
  })

  it("keeps a colleague's concurrent insertion at the start or the end of the field", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (before, after, typed, atStart) => {
          const origin = new Y.Doc()
          origin.getMap('meta').set('title', newText(before))
          const miriam = replica(origin)
          const tobias = replica(origin)
          replaceText(miriam.text, after)
          tobias.text.insert(atStart ? 0 : tobias.text.length, typed)
          sync(miriam.doc, tobias.doc)
          const merged = miriam.text.toString()
          expect(merged).toBe(tobias.text.toString())
          // Tobias's characters survive Miriam's whole-field change.
          expect(merged).toContain(typed)
        },
      ),
      { seed, numRuns: 300 },
    )
  })
})
