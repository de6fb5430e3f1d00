/**
 * Text helpers of the anonymiser: cleaning input text, keys that make spelling
 * variants of one identifier equal, and regular-expression sources that match
 * those variants (Müller / Mueller / Muller / MÜLLER, Strauß / Strauss).
 */

/** Characters that do not show but would split a word for a matcher (soft hyphen, zero-width spaces and joiners, BOM). */
const Invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/g

/** Input text as the matchers see it: invisible characters removed, composed (NFC). */
export function cleanText(text: string): string {
  return text.replace(Invisible, '').normalize('NFC')
}

/**
 * A spelling-insensitive key: lower case, umlauts and ß transliterated,
 * other diacritics removed, white space collapsed. "Jörg Müller-Strauß" and
 * "joerg mueller-strauss" have the same key.
 */
export function identifierKey(text: string): string {
  return cleanText(text)
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const UmlautAlternatives: Record<string, string> = {
  ä: '(?:ä|ae|a)',
  ö: '(?:ö|oe|o)',
  ü: '(?:ü|ue|u)',
  ß: '(?:ß|ss)',
}
const DigraphAlternatives: Record<string, string> = {
  ae: '(?:ae|ä)',
  oe: '(?:oe|ö)',
  ue: '(?:ue|ü)',
  ss: '(?:ss|ß)',
}

/**
 * A regular-expression source (for the flags `iu`) that matches `identifier`
 * in any of its common spellings: ä/ae/a, ö/oe/o, ü/ue/u, ß/ss (both ways),
 * accented letters with or without their accent, white space or a hyphen
 * wherever the identifier has either, and typographic or straight
 * apostrophes alike.
 */
export function variantPattern(identifier: string): string {
  const text = cleanText(identifier).trim()
  let source = ''
  let index = 0
  while (index < text.length) {
    const char = text.charAt(index)
    const lower = char.toLowerCase()
    const pair = text.slice(index, index + 2).toLowerCase()
    const digraph = DigraphAlternatives[pair]
    if (digraph !== undefined && index > 0 && /\p{L}/u.test(text.charAt(index - 1))) {
      source += digraph
      index += 2
      continue
    }
    const umlaut = UmlautAlternatives[lower]
    if (umlaut !== undefined) {
      source += umlaut
    } else if (/[\s-]/.test(char)) {
      while (index + 1 < text.length && /[\s-]/.test(text.charAt(index + 1))) {
        index++
      }
      source += '[\\s\\u00a0-]+'
    } else if (char === "'" || char === '\u2019') {
      source += "['\u2019]"
    } else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '')
      source += base !== char && base !== '' ? `(?:${escapeRegExp(char)}|${escapeRegExp(base)})` : escapeRegExp(char)
    }
    index++
  }
  return source
}
