/**
 * A coach's caseload against the guideline ratios of the quality standards:
 * one coach for five placement cases (Arbeitsplatzanbahnung, 1:5) and for
 * six retention cases (Arbeitsplatzsicherung, 1:6). Mixed caseloads are
 * weighted: load = placement / 5 + retention / 6, and a load above 1 is over
 * the guideline. Closed cases (an outcome is recorded) do not count.
 */
import type { CaseType } from '../api/cases.js'

/** Cases per coach the guideline allows, by case type. */
export const CaseloadGuideline: Readonly<Record<CaseType, number>> = { placement: 5, retention: 6 }

export interface CaseloadCase {
  type: CaseType
  /** An outcome is recorded: the case no longer counts. */
  closed: boolean
}

export interface CaseloadPart {
  type: CaseType
  /** Active cases of this type. */
  active: number
  /** The guideline for this type alone (5 or 6). */
  guideline: number
  /** This type alone exceeds its guideline (e.g. 7 of 6). */
  over: boolean
}

export interface Caseload {
  placement: CaseloadPart
  retention: CaseloadPart
  /** placement / 5 + retention / 6 (1 = exactly at the guideline). */
  load: number
  /** The weighted load is above the guideline (load > 1). */
  over: boolean
}

/** The caseload of one coach's cases. */
export function caseload(cases: readonly CaseloadCase[]): Caseload {
  let placement = 0
  let retention = 0
  for (const item of cases) {
    if (item.closed) {
      continue
    }
    if (item.type === 'placement') {
      placement++
    } else {
      retention++
    }
  }
  const part = (type: CaseType, active: number): CaseloadPart => ({
    type,
    active,
    guideline: CaseloadGuideline[type],
    over: active > CaseloadGuideline[type],
  })
  const p = CaseloadGuideline.placement
  const r = CaseloadGuideline.retention
  return {
    placement: part('placement', placement),
    retention: part('retention', retention),
    load: placement / p + retention / r,
    // In whole numbers (placement * 6 + retention * 5 > 30), so 5/5 or 6/6 is never "over" by a rounding error.
    over: placement * r + retention * p > p * r,
  }
}
