/**
 * A coach's caseload (Personalschlüssel) against the guideline ratios
 * (Richtwert) of the quality standards: one full-time coach for five
 * placement cases (Arbeitsplatzanbahnung, 1:5) and for six retention cases
 * (Arbeitsplatzsicherung, 1:6). Mixed caseloads are weighted: load =
 * placement / 5 + retention / 6, measured against the coach's part-time
 * share (Stellenanteil: half a position carries half the cases); a load
 * above 1 is over the guideline. A tandem case counts half for each of its
 * two coaches (configurable). Closed cases do not count.
 */
import type { CaseType } from '../api/cases.js'

/** Cases per full-time coach the guideline allows, by case type. */
export const CaseloadGuideline: Readonly<Record<CaseType, number>> = { placement: 5, retention: 6 }

/** How much of a tandem case each of its coaches carries, unless configured otherwise. */
export const DefaultTandemShare = 0.5

export interface CaseloadCase {
  type: CaseType
  /** Closed (by a coach, or an outcome is recorded): the case no longer counts. */
  closed: boolean
  /** Coaches of the case; two or more is a tandem. Unknown counts as one. */
  coaches?: number | undefined
}

export interface CaseloadOptions {
  /** The coach's part-time share (Stellenanteil), 0 < share <= 1; default 1 (full time). */
  staffShare?: number | undefined
  /** The part of a tandem case each coach carries; default {@link DefaultTandemShare}. */
  tandemShare?: number | undefined
}

export interface CaseloadPart {
  type: CaseType
  /** Active cases of this type, weighted (a tandem case is 0.5 by default). */
  active: number
  /** The guideline for this type alone at the coach's share (5 or 6 full time). */
  guideline: number
  /** This type alone exceeds its guideline (e.g. 7 of 6). */
  over: boolean
}

export interface Caseload {
  placement: CaseloadPart
  retention: CaseloadPart
  /** The share the load is measured against (1 = full time). */
  staffShare: number
  /** The part of a tandem case each of its coaches carries. */
  tandemShare: number
  /** (placement / 5 + retention / 6) / staffShare (1 = exactly at the guideline). */
  load: number
  /** The weighted load is above the guideline (load > 1). */
  over: boolean
}

// Weighted counts are sums of shares such as 0.5: compare with a tolerance so 5 of 5 is never "over" by rounding.
const epsilon = 1e-9

function validShare(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 && value <= 1 ? value : fallback
}

/** The caseload of one coach's cases. */
export function caseload(cases: readonly CaseloadCase[], options: CaseloadOptions = {}): Caseload {
  const staffShare = validShare(options.staffShare, 1)
  const tandemShare = validShare(options.tandemShare, DefaultTandemShare)
  const active: Record<CaseType, number> = { placement: 0, retention: 0 }
  for (const item of cases) {
    if (!item.closed) {
      active[item.type] += (item.coaches ?? 1) >= 2 ? tandemShare : 1
    }
  }
  const part = (type: CaseType): CaseloadPart => {
    const guideline = CaseloadGuideline[type] * staffShare
    return { type, active: active[type], guideline, over: active[type] > guideline + epsilon }
  }
  const load = (active.placement / CaseloadGuideline.placement + active.retention / CaseloadGuideline.retention) / staffShare
  return { placement: part('placement'), retention: part('retention'), staffShare, tandemShare, load, over: load > 1 + epsilon }
}
