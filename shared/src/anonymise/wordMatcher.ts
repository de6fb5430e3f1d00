/**
 * Finding known words in text on word boundaries, in the folded form of both
 * (see {@link foldText}): a term matches only where it starts and ends a word
 * ("Ben" is not in "Benutzer"), optionally followed by one of its endings
 * ("Bens", "Winterthurer", "Lindenstraße"). Instead of one Unicode regular
 * expression with every spelling variant spelled out: the folding handles
 * letters such expressions cannot (ı/I, ß/SS), and a lookup per word start is
 * cheaper than compiling a large Unicode-aware expression.
 */
import { foldText, isWordChar, type FoldedText } from './text.js'

/** One word (or several) to find. */
export interface MatchTerm<T> {
  /** The term, folded ({@link foldText}); never empty. */
  folded: string
  /** Endings that may follow the term within the same word, folded ("s", "er", "strasse"). */
  suffixes: readonly string[]
  /** Only where the text writes it with a capital first letter (short name parts: "An", "Do", "Le"). */
  capitalised: boolean
  /** Whether the term matches without one of its endings (a stem like "Altstett" of "Altstetter" does not). */
  bare?: boolean
  value: T
}

/** A match in source offsets. */
export interface WordMatch<T> {
  start: number
  end: number
  value: T
}

const Upper = /\p{Lu}/u

/** Finds a fixed set of terms. */
export class WordMatcher<T> {
  private readonly byFirst = new Map<string, Array<MatchTerm<T> & { endings: string[] }>>()

  constructor(terms: Iterable<MatchTerm<T>>) {
    for (const term of terms) {
      const first = term.folded.charAt(0)
      if (first === '') {
        continue
      }
      // The folding joins a vowel and an ending's e ("Altona" + "er" folds to "altonar"), so the ending loses its e there.
      const joined = /[aou]$/.test(term.folded) ? term.suffixes.filter((suffix) => suffix.startsWith('e')).map((suffix) => suffix.slice(1)) : []
      const endings = [...new Set([...(term.bare === false ? [] : ['']), ...term.suffixes, ...joined])].sort((a, b) => b.length - a.length)
      const list = this.byFirst.get(first) ?? []
      list.push({ ...term, endings })
      this.byFirst.set(first, list)
    }
    for (const list of this.byFirst.values()) {
      list.sort((a, b) => b.folded.length - a.folded.length)
    }
  }

  /** At each place where some term matches, the longest match (matches may overlap; the caller chooses). */
  find(source: string, folded: FoldedText = foldText(source)): Array<WordMatch<T>> {
    const text = folded.text
    const out: Array<WordMatch<T>> = []
    for (let index = 0; index < text.length; index++) {
      const candidates = this.byFirst.get(text.charAt(index))
      if (!candidates || (isWordChar(text.charAt(index)) && isWordChar(text.charAt(index - 1)))) {
        continue
      }
      const match = this.longestAt(text, index, candidates, (at) => Upper.test(source.charAt(folded.starts[at] ?? 0)))
      if (match) {
        out.push({ start: folded.starts[index] ?? 0, end: folded.ends[match.end - 1] ?? source.length, value: match.term.value })
      }
    }
    return out
  }

  private longestAt(
    text: string,
    index: number,
    candidates: ReadonlyArray<MatchTerm<T> & { endings: string[] }>,
    upperAt: (at: number) => boolean,
  ): { end: number; term: MatchTerm<T> } | undefined {
    let best: { end: number; term: MatchTerm<T> } | undefined
    for (const term of candidates) {
      if (!text.startsWith(term.folded, index) || (term.capitalised && !upperAt(index))) {
        continue
      }
      for (const ending of term.endings) {
        const end = index + term.folded.length + ending.length
        if (!text.startsWith(ending, index + term.folded.length)) {
          continue
        }
        const boundary = !isWordChar(text.charAt(end - 1)) || !isWordChar(text.charAt(end))
        if (boundary && (best === undefined || end > best.end)) {
          best = { end, term }
        }
        if (boundary) {
          break
        }
      }
    }
    return best
  }
}
