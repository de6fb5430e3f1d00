import { describe, expect, it } from 'vitest'
import { caseAttachmentAccess, mayAccessPoolEvidence } from './attachments.js'

const open = { caseClosed: false, hasReleaseConsent: false }

describe('caseAttachmentAccess', () => {
  it('lets coaches add every category and others read work aids', () => {
    for (const category of ['workAid', 'consentForm', 'releaseFromConfidentiality'] as const) {
      expect(caseAttachmentAccess(category, 'coach', open)).toBe('write')
    }
    expect(caseAttachmentAccess('workAid', 'coachee', open)).toBe('read')
    expect(caseAttachmentAccess('workAid', 'employer', open)).toBe('read')
    expect(caseAttachmentAccess('workAid', 'guardian', open)).toBe('read')
  })

  it('keeps consent forms from the employer', () => {
    expect(caseAttachmentAccess('consentForm', 'employer', open)).toBe('none')
    expect(caseAttachmentAccess('consentForm', 'coachee', open)).toBe('read')
    expect(caseAttachmentAccess('consentForm', 'guardian', open)).toBe('read')
  })

  it('opens a scanned release to an employer only with an active consent for the field', () => {
    expect(caseAttachmentAccess('releaseFromConfidentiality', 'employer', open)).toBe('none')
    expect(caseAttachmentAccess('releaseFromConfidentiality', 'employer', { ...open, hasReleaseConsent: true })).toBe('read')
    expect(caseAttachmentAccess('releaseFromConfidentiality', 'coachee', open)).toBe('read')
    expect(caseAttachmentAccess('releaseFromConfidentiality', 'guardian', { ...open, hasReleaseConsent: true })).toBe('none')
  })

  it('makes a closed case read-only and gives a non-member nothing', () => {
    expect(caseAttachmentAccess('workAid', 'coach', { ...open, caseClosed: true })).toBe('read')
    expect(caseAttachmentAccess('workAid', null, open)).toBe('none')
  })
})

describe('mayAccessPoolEvidence', () => {
  it('lets the applicant do everything and an admin read and delete, never upload', () => {
    expect(mayAccessPoolEvidence({ userId: 'u1', isAdmin: false }, 'u1', 'upload')).toBe(true)
    expect(mayAccessPoolEvidence({ userId: 'a', isAdmin: true }, 'u1', 'read')).toBe(true)
    expect(mayAccessPoolEvidence({ userId: 'a', isAdmin: true }, 'u1', 'delete')).toBe(true)
    expect(mayAccessPoolEvidence({ userId: 'a', isAdmin: true }, 'u1', 'upload')).toBe(false)
    expect(mayAccessPoolEvidence({ userId: 'u2', isAdmin: false }, 'u1', 'read')).toBe(false)
    // The coordination office and the Integrationsamt read the evidence they decide on, and change none of it.
    for (const reviewer of [{ isCoordinator: true }, { isIntegrationsamt: true }]) {
      expect(mayAccessPoolEvidence({ userId: 'o', isAdmin: false, ...reviewer }, 'u1', 'read')).toBe(true)
      expect(mayAccessPoolEvidence({ userId: 'o', isAdmin: false, ...reviewer }, 'u1', 'upload')).toBe(false)
      expect(mayAccessPoolEvidence({ userId: 'o', isAdmin: false, ...reviewer }, 'u1', 'delete')).toBe(false)
    }
  })
})
