/**
 * Seeded randomness for the anonymiser's property tests: a small PRNG, picks,
 * and formatted runs cut at random places.
 */
import type { Run } from './testCase.js'

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Picks and numbers from a seeded source. */
export class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  digits(count: number): string {
    return Array.from({ length: count }, () => String(this.int(0, 9))).join('')
  }
}

/** Runs of a text cut at random places (also inside identifiers), with random marks and text nodes. */
export function runsOf(random: Random, text: string): Array<Run | null> {
  const cuts = new Set<number>()
  const count = random.int(0, 4)
  for (let index = 0; index < count; index++) {
    cuts.add(random.int(1, Math.max(1, text.length - 1)))
  }
  const points = [0, ...[...cuts].sort((a, b) => a - b), text.length]
  const runs: Array<Run | null> = []
  for (let index = 0; index + 1 < points.length; index++) {
    const part = text.slice(points[index], points[index + 1])
    if (part === '') {
      continue
    }
    if (index > 0 && random.chance(0.2)) {
      runs.push(null)
    }
    runs.push([part, random.pick([{}, { bold: {} }, { italic: {} }, { bold: {}, italic: {} }, { code: {} }])])
  }
  return runs
}
