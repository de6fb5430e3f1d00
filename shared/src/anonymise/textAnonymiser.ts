/**
 * Anonymising one run of formatted text (a paragraph's inline content, or a
 * plain field as one unformatted piece). Detectors work on the plain text of
 * the whole run, so a name split across formatting ("Sa**ndra**") or across
 * text nodes is still found; the formatted pieces are then rebuilt around
 * the replacements. A replacement keeps the marks its whole span shared and
 * carries the anonymised mark.
 *
 * Two passes: the case's identifiers, patterns and dates on the source text;
 * then the reviewing coach's redactions on the result, so a redaction may be
 * marked in the copy's text, placeholders included ("Person A am Kiosk").
 */
import type { AnonymisedMarkAttrs, CopyMark, ReplacementKind } from '../caseDocument/supervisionCopy.js'
import { chooseCandidates, type Candidate, type Detector } from './matches.js'
import { RedactionPlaceholder } from './placeholders.js'
import { cleanText, foldText, type FoldedText } from './text.js'

/** A piece of formatted text; a hard break is a piece of text "\n". */
export interface TextPiece {
  text: string
  marks: CopyMark[]
  hardBreak?: true
  anonymised?: AnonymisedMarkAttrs
}

/** Where a placeholder sits in the plain text of an anonymised run. */
export interface PlacedReplacement {
  start: number
  end: number
  placeholder: string
  kind: ReplacementKind
}

/** Redactions shorter than this (letters and digits) match whole words only: "Ali" must not black out "Qualität". */
const MinPartialRedaction = 4

/** Part of a word for a redaction: a letter, a mark or a digit ("4711" in "4711-23" is a word of its own). */
function inRedactionWord(char: string): boolean {
  return char !== '' && /[\p{L}\p{M}\p{N}]/u.test(char)
}

/**
 * The reviewing coach's redactions as a detector: case- and
 * spelling-insensitive (folded like the names), and always whole words — a
 * redaction found inside a longer word takes the whole word ("Kasse" blacks
 * out "Kassenbereich", never leaving "[geschwärzt]nbereich"); a short one
 * matches whole words only.
 */
export class RedactionDetector implements Detector {
  private readonly terms: Array<{ folded: string; digraphs: boolean; partial: boolean }>

  constructor(redactions: readonly string[]) {
    // Folded twice: "Mueller" must find "Müller", and "el" must find the "el" of "Israel" (which the digraph fold makes "isral").
    this.terms = redactions.flatMap((redaction) => {
      const clean = cleanText(redaction).trim()
      const count = (clean.match(/[\p{L}\p{N}]/gu) ?? []).length
      // One character would black out every occurrence of a letter.
      if (count < 2) {
        return []
      }
      const partial = count >= MinPartialRedaction
      return [true, false].map((digraphs) => ({ folded: foldText(clean, { digraphs }).text, digraphs, partial }))
    })
  }

  find(text: string): Candidate[] {
    return [true, false].flatMap((digraphs) => {
      const terms = this.terms.filter((term) => term.digraphs === digraphs)
      return terms.length === 0 ? [] : this.findFolded(text, foldText(text, { digraphs }), terms)
    })
  }

  private findFolded(text: string, folded: FoldedText, terms: RedactionDetector['terms']): Candidate[] {
    const plain = folded.text
    const candidates: Candidate[] = []
    for (const term of terms) {
      for (let at = plain.indexOf(term.folded); at >= 0; at = plain.indexOf(term.folded, at + 1)) {
        let start = at
        let end = at + term.folded.length
        const cutsWord =
          (inRedactionWord(plain.charAt(start)) && inRedactionWord(plain.charAt(start - 1))) || (inRedactionWord(plain.charAt(end - 1)) && inRedactionWord(plain.charAt(end)))
        if (cutsWord && !term.partial) {
          continue
        }
        while (inRedactionWord(plain.charAt(start)) && inRedactionWord(plain.charAt(start - 1))) {
          start--
        }
        while (inRedactionWord(plain.charAt(end - 1)) && inRedactionWord(plain.charAt(end))) {
          end++
        }
        candidates.push({
          start: folded.starts[start] ?? 0,
          end: folded.ends[end - 1] ?? text.length,
          kind: 'redaction',
          priority: 0,
          resolve: () => RedactionPlaceholder,
        })
      }
    }
    return candidates
  }
}

function plainOf(pieces: readonly TextPiece[]): string {
  return pieces.map((piece) => piece.text).join('')
}

function sameMarks(a: readonly CopyMark[], b: readonly CopyMark[]): boolean {
  return a.length === b.length && a.every((mark) => b.includes(mark))
}

/** Pieces with the text of [from, to), cut where needed. */
function slicePieces(pieces: readonly TextPiece[], starts: readonly number[], from: number, to: number): TextPiece[] {
  const out: TextPiece[] = []
  pieces.forEach((piece, index) => {
    const start = starts[index] ?? 0
    const end = start + piece.text.length
    if (end <= from || start >= to) {
      return
    }
    if (start >= from && end <= to) {
      out.push(piece)
    } else {
      out.push({ ...piece, text: piece.text.slice(Math.max(0, from - start), Math.min(piece.text.length, to - start)) })
    }
  })
  return out
}

/** Replaces the chosen spans; each becomes one piece with the marks common to everything it covered. */
function applyCandidates(pieces: readonly TextPiece[], chosen: readonly Candidate[]): TextPiece[] {
  const starts: number[] = []
  let offset = 0
  for (const piece of pieces) {
    starts.push(offset)
    offset += piece.text.length
  }
  const out: TextPiece[] = []
  let position = 0
  for (const candidate of chosen) {
    out.push(...slicePieces(pieces, starts, position, candidate.start))
    const covered = slicePieces(pieces, starts, candidate.start, candidate.end).filter((piece) => !piece.hardBreak && !piece.anonymised)
    const first = covered[0]
    const marks = first ? first.marks.filter((mark) => covered.every((piece) => piece.marks.includes(mark))) : []
    const placeholder = candidate.resolve()
    out.push({ text: placeholder, marks, anonymised: { placeholder, kind: candidate.kind } })
    position = candidate.end
  }
  out.push(...slicePieces(pieces, starts, position, offset))
  return out
}

/** Joins neighbouring plain pieces of the same marks and drops empty ones. */
function mergePieces(pieces: readonly TextPiece[]): TextPiece[] {
  const out: TextPiece[] = []
  for (const piece of pieces) {
    if (piece.text === '') {
      continue
    }
    const last = out[out.length - 1]
    if (last && !last.hardBreak && !last.anonymised && !piece.hardBreak && !piece.anonymised && sameMarks(last.marks, piece.marks)) {
      out[out.length - 1] = { ...last, text: last.text + piece.text }
    } else {
      out.push(piece)
    }
  }
  return out
}

/** Widens candidates that cut into a placeholder so they take all of it (a placeholder is replaced whole or not at all). */
function widenOverPlaceholders(pieces: readonly TextPiece[], candidates: Candidate[]): Candidate[] {
  let offset = 0
  const placeholders: Array<[number, number]> = []
  for (const piece of pieces) {
    if (piece.anonymised) {
      placeholders.push([offset, offset + piece.text.length])
    }
    offset += piece.text.length
  }
  return candidates.map((candidate) => {
    let { start, end } = candidate
    for (const [from, to] of placeholders) {
      if (start < to && end > from) {
        start = Math.min(start, from)
        end = Math.max(end, to)
      }
    }
    return { ...candidate, start, end }
  })
}

/** Anonymises formatted text with the case's detectors, then the redactions. */
export class TextAnonymiser {
  constructor(
    private readonly detectors: readonly Detector[],
    private readonly redactions: RedactionDetector,
  ) {}

  /** The anonymised pieces of a run of formatted text. */
  anonymisePieces(source: readonly TextPiece[]): TextPiece[] {
    const cleaned = source.map((piece) => (piece.hardBreak ? { text: '\n', marks: [], hardBreak: true as const } : { ...piece, text: cleanText(piece.text) }))
    const plain = plainOf(cleaned)
    const first = applyCandidates(cleaned, chooseCandidates(this.detectors.flatMap((detector) => detector.find(plain))))
    const second = applyCandidates(first, chooseCandidates(widenOverPlaceholders(first, this.redactions.find(plainOf(first)))))
    return mergePieces(second)
  }

  /** An anonymised plain string, with where its placeholders are. */
  anonymiseString(text: string): { text: string; replacements: PlacedReplacement[] } {
    const pieces = this.anonymisePieces([{ text, marks: [] }])
    return { text: plainOf(pieces), replacements: placedReplacements(pieces) }
  }
}

/** Where the placeholders are in the plain text of pieces (a hard break counts as one character). */
export function placedReplacements(pieces: readonly TextPiece[]): PlacedReplacement[] {
  const out: PlacedReplacement[] = []
  let offset = 0
  for (const piece of pieces) {
    if (piece.anonymised) {
      out.push({ start: offset, end: offset + piece.text.length, placeholder: piece.anonymised.placeholder, kind: piece.anonymised.kind })
    }
    offset += piece.text.length
  }
  return out
}
