import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEditToString, diffText } from './textDelta.js'

const seed = Number(process.env.FC_SEED ?? 20261202)

describe('diffText (property)', () => {
  it('gives an edit that turns the old value into the new one, wherever the caret is, without splitting a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.option(fc.nat({ max: 60 }), { nil: null }),
        (before, after, caretSeed) => {
          const caret = caretSeed === null ? null : Math.min(caretSeed, after.length)
          const edit = diffText(before, after, caret)
          if (edit === null) {
            expect(after).toBe(before)
            return
          }
          expect(applyEditToString(before, edit)).toBe(after)
          // The edit's borders never fall between the halves of a surrogate pair.
          const low = before.charCodeAt(edit.index)
          expect(low >= 0xdc00 && low <= 0xdfff).toBe(false)
        },
      ),
      { seed, numRuns: 500 },
    )
  })
})
