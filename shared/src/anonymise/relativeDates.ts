/**
 * Absolute dates in text become weeks of the case (contract §7: "dates become
 * relative"): 03.04.2026, 3.4.26, 3. April 2026, 2026-04-03, 03.04. (the year
 * guessed, see {@link inferYear}) -> "Woche 5"; a month "April 2026" -> the
 * weeks it spans, "Woche 5–9". Week 1 is the first seven days from the start;
 * before it, "2 Wochen vor Beginn" (see {@link weekLabel}). Without a start
 * date every date becomes "[Datum]".
 */
import { weekLabel } from '../caseDocument/supervisionCopy.js'
import { dayNumber } from '../process/dates.js'
import { matchesOf, Priority, type Candidate, type Detector } from './matches.js'
import { MonthNames } from './patterns.js'
import { UndatedPlaceholder } from './placeholders.js'

/** The week of the case a day falls in: 1 for the start day and the six after it, -1 for the seven days before. */
export function weekOfCase(day: number, startDay: number): number {
  const diff = day - startDay
  return diff >= 0 ? Math.floor(diff / 7) + 1 : Math.floor(diff / 7)
}

/** The week of the case of an ISO date, or undefined when either is not a date. */
export function weekOfIsoDate(isoDate: string | undefined, startDate: string | undefined): number | undefined {
  if (isoDate === undefined || startDate === undefined) {
    return undefined
  }
  const day = dayNumber(isoDate)
  const start = dayNumber(startDate)
  return Number.isNaN(day) || Number.isNaN(start) ? undefined : weekOfCase(day, start)
}

/** "Woche 5–9", "3–1 Wochen vor Beginn", or one label when both weeks are the same. */
export function weekRangeLabel(first: number, last: number): string {
  if (first === last) {
    return weekLabel(first)
  }
  if (first > 0) {
    return `Woche ${first}–${last}`
  }
  if (last < 0 && -first <= 52) {
    return `${-first}–${-last} Wochen vor Beginn`
  }
  return `${weekLabel(first)} bis ${weekLabel(last)}`
}

const MonthNumbers: Array<[RegExp, number]> = [
  [/^j(?:a|ä|ae)n/i, 1],
  [/^feb/i, 2],
  [/^m(?:ä|ae)r|^mrz/i, 3],
  [/^apr/i, 4],
  [/^mai/i, 5],
  [/^jun/i, 6],
  [/^jul/i, 7],
  [/^aug/i, 8],
  [/^sep/i, 9],
  [/^okt/i, 10],
  [/^nov/i, 11],
  [/^dez/i, 12],
]

function monthNumber(name: string): number | undefined {
  return MonthNumbers.find(([pattern]) => pattern.test(name))?.[1]
}

const Blank = '[ \\t\\u00a0]'
/** "am 12.03." and "im April 2026" take their preposition along: "in Woche 2". */
const On = `(?:(?<!\\p{L})(?<on>[Aa]m|[Ii]m)${Blank}+)?`
const DatePatterns = {
  iso: new RegExp(`${On}(?<![\\d.])(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})(?!\\d)`, 'gu'),
  numeric: new RegExp(`${On}(?<![\\d.])(?<day>\\d{1,2})\\.${Blank}?(?<month>\\d{1,2})\\.(?:${Blank}?(?<year>\\d{4}|\\d{2})(?!\\d))?`, 'gu'),
  slashed: new RegExp(`${On}(?<![\\d/])(?<day>\\d{1,2})/(?<month>\\d{1,2})/(?<year>\\d{4})(?![\\d/])`, 'gu'),
  long: new RegExp(`${On}(?<!\\d)(?<day>\\d{1,2})\\.${Blank}*(?<monthName>${MonthNames})(?:${Blank}*(?<year>\\d{4})(?!\\d))?`, 'giu'),
  month: new RegExp(`${On}(?<!\\p{L})(?<monthName>${MonthNames})${Blank}+(?<year>\\d{4})(?!\\d)`, 'giu'),
}

/** The label with the preposition the date had: "am 12.03.2026" -> "in Woche 2", "am [Datum]" (but "3 Wochen vor Beginn" alone). */
function withPreposition(label: string, on: string | undefined): string {
  if (on === undefined) {
    return label
  }
  if (label === UndatedPlaceholder) {
    return `${on} ${label}`
  }
  if (!label.startsWith('Woche')) {
    return label
  }
  return `${on.startsWith('A') || on.startsWith('I') ? 'In' : 'in'} ${label}`
}

function isoOf(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  // Rejects 31.02. and the like: Date rolls them over into the next month.
  return new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso) ? iso : undefined
}

/** 26 -> 2026, 88 -> 1988 (two-digit years from 50 on are last century). */
function fullYear(text: string): number {
  const year = Number(text)
  return text.length === 2 ? (year < 50 ? 2000 + year : 1900 + year) : year
}

/**
 * The year of a date written without one ("am 12.09."): the year that puts
 * it nearest to three months after the start, since notes are written while
 * the case runs (several months from the start).
 */
export function inferYear(month: number, day: number, startDate: string): number {
  const startYear = Number(startDate.slice(0, 4))
  const reference = dayNumber(startDate) + 92
  let best = startYear
  let bestDistance = Number.POSITIVE_INFINITY
  for (const year of [startYear - 1, startYear, startYear + 1]) {
    const iso = isoOf(year, month, day)
    const distance = iso === undefined ? Number.POSITIVE_INFINITY : Math.abs(dayNumber(iso) - reference)
    if (distance < bestDistance) {
      best = year
      bestDistance = distance
    }
  }
  return best
}

/** Finds absolute dates and replaces them with weeks of the case. */
export class RelativeDateDetector implements Detector {
  private readonly startDay: number | undefined

  constructor(private readonly startDate: string | undefined) {
    const day = startDate === undefined ? Number.NaN : dayNumber(startDate)
    this.startDay = Number.isNaN(day) ? undefined : day
  }

  private labelOfDay(iso: string | undefined): string | undefined {
    if (iso === undefined) {
      return undefined
    }
    if (this.startDay === undefined) {
      return UndatedPlaceholder
    }
    return weekLabel(weekOfCase(dayNumber(iso), this.startDay))
  }

  private yearOf(yearText: string | undefined, month: number, day: number): number {
    if (yearText !== undefined) {
      return fullYear(yearText)
    }
    return this.startDate === undefined ? 2000 : inferYear(month, day, this.startDate)
  }

  find(text: string): Candidate[] {
    const candidates: Candidate[] = []
    const push = (match: RegExpExecArray, label: string | undefined): void => {
      if (label !== undefined) {
        const text = withPreposition(label, match.groups?.on)
        candidates.push({ start: match.index, end: match.index + match[0].length, kind: 'date', priority: Priority.date, resolve: () => text })
      }
    }
    for (const pattern of [DatePatterns.iso, DatePatterns.numeric, DatePatterns.slashed, DatePatterns.long]) {
      for (const match of matchesOf(pattern, text)) {
        const groups = match.groups ?? {}
        // "1.2. Ausgangslage" at the start of a block is a section number, not the 1st of February.
        if (pattern === DatePatterns.numeric && groups.year === undefined && text.slice(0, match.index).trim() === '') {
          continue
        }
        const day = Number(groups.day)
        const month = groups.monthName !== undefined ? monthNumber(groups.monthName) : Number(groups.month)
        if (month === undefined) {
          continue
        }
        const year = this.yearOf(groups.year, month, day)
        push(match, this.labelOfDay(isoOf(year, month, day)))
      }
    }
    for (const match of matchesOf(DatePatterns.month, text)) {
      const groups = match.groups ?? {}
      const month = monthNumber(groups.monthName ?? '')
      const year = Number(groups.year)
      if (month === undefined) {
        continue
      }
      if (this.startDay === undefined) {
        push(match, UndatedPlaceholder)
        continue
      }
      const first = dayNumber(isoOf(year, month, 1) ?? '')
      const last = dayNumber(isoOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) ?? '') - 1
      push(match, weekRangeLabel(weekOfCase(first, this.startDay), weekOfCase(last, this.startDay)))
    }
    return candidates
  }
}
