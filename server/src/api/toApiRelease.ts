/** A stored release from confidentiality as the API shows it (shared/src/api/releases.ts). */
import { releaseEnd, releaseEndingSoon, releaseHolds, type Release } from '../../../shared/src/api/releases.js'
import type { ReleaseWithNames } from '../storage/releases/ReleaseStorage.js'

/** `coacheeName`: who a guardian's release was given for ("für"). */
export function toApiRelease(release: ReleaseWithNames, today: string, coacheeName: string | null): Release {
  const ended = release.lapsedAt !== null && release.revokedAt === null ? 'lapsed' : releaseEnd(release, today)
  return {
    id: release.id,
    releasorMemberId: release.releasorMemberId,
    releasorName: release.releasorName,
    onBehalfOfName: release.releasorRole === 'guardian' ? coacheeName : null,
    releasedParty: release.releasedParty,
    recipientKind: release.recipientKind,
    recipientName: release.recipientName,
    recipientMemberId: release.recipientMemberId,
    purpose: release.purpose,
    validFrom: release.validFrom,
    validUntil: release.validUntil,
    evidence: release.evidence,
    signedOn: release.signedOn,
    recordedAt: release.recordedAt,
    recordedByName: release.recordedByName,
    revokedAt: release.revokedAt,
    revokedByName: release.revokedByName,
    active: ended === null && releaseHolds(release, today),
    endedBy: ended,
    endingSoon: ended === null && releaseEndingSoon(release, today),
  }
}
