/**
 * Text helpers of the anonymiser: cleaning input text, and folding text so
 * that spelling variants of one identifier compare equal — Müller / Mueller /
 * Muller / MÜLLER, Strauß / STRAUSS, Kızıltaş / KIZILTAŞ / Kiziltas,
 * Łukasiewicz / Lukasiewicz, Nguyễn / Nguyen, Ιωάννου / ΙΩΑΝΝΟΥ — while
 * remembering where each folded character came from, so a match in the
 * folded text is a span of the source.
 */

/** Characters that do not show but would split a word for a matcher (soft hyphen, zero-width spaces and joiners, BOM). */
const Invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

/** Input text as the matchers see it: invisible characters removed, composed (NFC). */
export function cleanText(text: string): string {
  return text.replace(Invisible, '').normalize('NFC')
}

/**
 * Letters that neither decompose (NFKD) nor lower-case to their base: the
 * Turkish dotless ı, the Polish ł, the Nordic ø, the Croatian/Vietnamese đ, …
 * and the expansions of full case folding (ß -> ss).
 */
const SpecialFolds: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ',
  ʼ: "'",
  '\u2019': "'",
  '\u2018': "'",
  '`': "'",
  '´': "'",
}

/** Apostrophes and dashes that fold to one form. */
const Separator = /[\s\u00a0\-\u2010\u2011\u2012\u2013]/u

/** The folded form of one code point (may be empty: a combining mark). */
function foldCodePoint(char: string): string {
  const special = SpecialFolds[char] ?? SpecialFolds[char.toLowerCase()]
  if (special !== undefined) {
    return special
  }
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  let out = ''
  for (const part of base) {
    out += SpecialFolds[part] ?? part
  }
  return out
}

/** Text folded for matching, with the source span of each folded UTF-16 unit. */
export interface FoldedText {
  text: string
  /** Source offset where folded unit i starts. */
  starts: number[]
  /** Source offset where folded unit i ends (exclusive). */
  ends: number[]
}

/**
 * Folds text for matching: full case folding, diacritics removed (ş -> s,
 * ễ -> e, ä -> a), letters without a decomposition mapped to their base
 * (ı -> i, ł -> l, ß -> ss), German transliterations folded like the
 * umlaut they stand for (ae -> a, oe -> o, ue -> u: Oezdemir = Özdemir), every run of
 * white space or hyphens one blank, every apostrophe "'". Without
 * `digraphs`, ae/oe/ue stay two letters (for searching inside words, where
 * the letter before a match is not the letter before the searched text). The same function
 * folds identifiers and texts, so equality of the folded forms is the
 * spelling-insensitive comparison.
 */
export function foldText(source: string, options: { digraphs?: boolean } = {}): FoldedText {
  const digraphs = options.digraphs ?? true
  const chars: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  // Whether the last folded character took an e already ("uee" is "ue" + "e").
  let joined = false
  let offset = 0
  for (const char of source) {
    const end = offset + char.length
    const last = chars.length - 1
    if (Separator.test(char)) {
      if (last >= 0 && chars[last] === ' ') {
        ends[last] = end
      } else {
        chars.push(' ')
        starts.push(offset)
        ends.push(end)
        joined = false
      }
    } else {
      const folded = foldCodePoint(char)
      if (folded === '' && last >= 0) {
        // A combining mark belongs to the letter before it.
        ends[last] = end
      }
      for (const unit of folded) {
        const previous = chars.length - 1
        const before = chars[previous]
        if (digraphs && !joined && unit === 'e' && (before === 'a' || before === 'o' || before === 'u')) {
          // "Mueller" folds like "Müller": the e of the digraph joins the vowel before it.
          ends[previous] = end
          joined = true
          continue
        }
        chars.push(unit)
        starts.push(offset)
        ends.push(end)
        joined = false
      }
    }
    offset = end
  }
  return { text: chars.join(''), starts, ends }
}

/**
 * A spelling-insensitive key: the folded text, trimmed. "Jörg Müller-Strauß"
 * and "joerg mueller strauss" have the same key, so do "Kızıltaş" and
 * "KIZILTAS".
 */
export function identifierKey(text: string): string {
  return foldText(cleanText(text)).text.trim()
}

/** Whether a (folded or source) character is part of a word for the name matchers: a letter or a mark. */
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{M}]/u.test(char)
}
