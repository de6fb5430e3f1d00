/**
 * The rules of a request's way (issue 19): an open request is clarified
 * (A1), then accepted or declined, once. Accepting needs the person's
 * consent to the cooperation on record (the quality standards: jobcoaching
 * is voluntary); declining needs a reason and a referral elsewhere (a
 * transparent refusal). Server and client judge with the same functions.
 */
import type { RequestStatus } from '../api/requests.js'

/** What can happen to a request. */
export type RequestStep = 'clarify' | 'accept' | 'decline'

/** Why a step is not possible now. */
export type RequestStepRefusal = 'decided' | 'consentMissing'

/** The facts of a request the rules read. */
export interface RequestFacts {
  status: RequestStatus
  consentOn: string | null
}

/** Why `step` is not allowed for the request, or null when it is. */
export function requestStepRefusal(request: RequestFacts, step: RequestStep): RequestStepRefusal | null {
  if (request.status !== 'open') {
    return 'decided'
  }
  if (step === 'accept' && request.consentOn === null) {
    return 'consentMissing'
  }
  return null
}

/** The status a step leads to. */
export function statusAfter(step: RequestStep): RequestStatus {
  return step === 'accept' ? 'accepted' : step === 'decline' ? 'declined' : 'open'
}

/**
 * Retention of requests that did not become a case. A declined request is
 * kept 6 months after the decision: long enough to answer a question about
 * the refusal or a renewed request, no longer (it names a person the
 * service does not serve). An open request nobody touched for 12 months is
 * erased too: it has been abandoned. An accepted request goes with its case.
 */
export const RequestRetentionMonths = { declined: 6, open: 12 } as const

function addMonths(isoInstant: string, months: number): string {
  const date = new Date(isoInstant)
  date.setUTCMonth(date.getUTCMonth() + months)
  return date.toISOString().slice(0, 10)
}

/** The day a request is erased (ISO date), or null when it goes with its case. */
export function requestErasesOn(request: { status: RequestStatus; updatedAt: string; decidedAt: string | null }): string | null {
  if (request.status === 'accepted') {
    return null
  }
  if (request.status === 'declined') {
    return addMonths(request.decidedAt ?? request.updatedAt, RequestRetentionMonths.declined)
  }
  return addMonths(request.updatedAt, RequestRetentionMonths.open)
}

/** The instants before which declined and open requests are due for erasure at `now`. */
export function requestRetentionCutoffs(now: Date): { declinedBefore: string; openUntouchedBefore: string } {
  const cutoff = (months: number): string => {
    const date = new Date(now)
    date.setUTCMonth(date.getUTCMonth() - months)
    return date.toISOString()
  }
  return { declinedBefore: cutoff(RequestRetentionMonths.declined), openUntouchedBefore: cutoff(RequestRetentionMonths.open) }
}
