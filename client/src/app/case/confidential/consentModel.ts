/**
 * The consent rules the screens need, pure and unit-tested: a grant's state,
 * who may read a field now, who can receive a grant, what the employer's
 * "shared by … on …" line says, and the checks of the two consent forms
 * (the server checks the same again; the UI only mirrors it).
 */
import { ConfidentialFields, type ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'
import type { Member } from '../../../../../shared/src/api/cases.js'
import { GrantConsentBody, grantHolds, type ConsentGrant } from '../../../../../shared/src/api/consents.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { readsByConsent } from '../../../../../shared/src/policy/access.js'

/** Where a grant stands: opens the field now, revoked by someone, or past its end date. */
export type GrantState = 'active' | 'revoked' | 'lapsed'

/**
 * A grant's state. The server's `active`/`endedBy` are the truth when the
 * list was read; `today` (local ISO date) also ends a grant whose last day
 * passed while the page stayed open.
 */
export function grantState(grant: ConsentGrant, today: string): GrantState {
  if (grant.revokedAt !== null || grant.endedBy === 'revoked') {
    return 'revoked'
  }
  if (!grant.active || grant.endedBy === 'lapsed' || !grantHolds(grant, today)) {
    return 'lapsed'
  }
  return 'active'
}

/** The active grants of one field to one member (normally at most one). */
export function activeGrantsFor(grants: readonly ConsentGrant[], field: ConfidentialField, memberId: string, today: string): ConsentGrant[] {
  return grants.filter((grant) => grant.field === field && grant.memberId === memberId && grantState(grant, today) === 'active')
}

/** The active grant that lets a member read a field, or null. */
export function activeGrantFor(grants: readonly ConsentGrant[], field: ConfidentialField, memberId: string, today: string): ConsentGrant | null {
  return activeGrantsFor(grants, field, memberId, today)[0] ?? null
}

/** Members who read a field because of a consent now (coaches and the coachee read it anyway). */
export function readersByConsent(grants: readonly ConsentGrant[], field: ConfidentialField, today: string): Array<{ memberId: string; name: string }> {
  const seen = new Set<string>()
  const readers: Array<{ memberId: string; name: string }> = []
  for (const grant of grants) {
    if (grant.field === field && grantState(grant, today) === 'active' && !seen.has(grant.memberId)) {
      seen.add(grant.memberId)
      readers.push({ memberId: grant.memberId, name: grant.memberName })
    }
  }
  return readers
}

/** Who a consent can be given to: the employer's representatives (coaches and the coachee read every field already). */
export function consentRecipients(members: readonly Member[]): Member[] {
  return members.filter((member) => readsByConsent(member.role))
}

/** The coachee of the case (the person whose data it is), if one has joined. */
export function coacheeOf(members: readonly Member[]): Member | null {
  return members.find((member) => member.role === 'coachee') ?? null
}

/** The local calendar day (YYYY-MM-DD) of an ISO time. */
export function localDateOf(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return iso.slice(0, 10)
  }
  const pad = (value: number): string => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** What the reader of a shared field is told about where it comes from. */
export interface SharedBy {
  /** The person who consented: the coachee (by name) as the case knows them. */
  name: string
  /** The day consent was given: the signing day of a paper form, else the day it was given in the app. */
  date: string
  evidence: ConsentGrant['evidence']
  /** Who recorded a paper form (a coach). */
  recordedBy: string | null
}

/** "Geteilt von <coachee> am <date>" for a grant; the coachee's name comes from the members, falling back to who granted. */
export function sharedBy(grant: ConsentGrant, members: readonly Member[]): SharedBy {
  const coachee = coacheeOf(members)
  if (grant.evidence === 'signedForm') {
    return {
      name: coachee?.name ?? grant.grantedByName,
      date: grant.signedOn ?? localDateOf(grant.grantedAt),
      evidence: grant.evidence,
      recordedBy: grant.grantedByName,
    }
  }
  return { name: coachee?.name ?? grant.grantedByName, date: localDateOf(grant.grantedAt), evidence: grant.evidence, recordedBy: null }
}

/** The fields a member may read by consent now, in UI order. */
export function fieldsSharedWith(grants: readonly ConsentGrant[], memberId: string, today: string): ConfidentialField[] {
  return ConfidentialFields.filter((field) => activeGrantFor(grants, field, memberId, today) !== null)
}

/** Grants newest first, active ones before ended ones (the transparency list). */
export function sortGrants(grants: readonly ConsentGrant[], today: string): ConsentGrant[] {
  const rank = (grant: ConsentGrant): number => (grantState(grant, today) === 'active' ? 0 : 1)
  return [...grants].sort((a, b) => rank(a) - rank(b) || b.grantedAt.localeCompare(a.grantedAt))
}

/** A problem with one input of a consent form, as an i18n key under `consent.errors`. */
export type ConsentFormError =
  | 'fieldMissing'
  | 'memberMissing'
  | 'purposeMissing'
  | 'purposeTooLong'
  | 'signedOnMissing'
  | 'signedOnFuture'
  | 'validUntilPast'
  | 'validUntilBeforeSigned'
  | 'dateInvalid'
  | 'invalid'

/** The inputs of the consent forms. */
export type ConsentFormInput = 'field' | 'memberId' | 'purpose' | 'signedOn' | 'validUntil'

export type ConsentFormErrors = Partial<Record<ConsentFormInput, ConsentFormError>>

const formInputs: ReadonlySet<string> = new Set<ConsentFormInput>(['field', 'memberId', 'purpose', 'signedOn', 'validUntil'])

export type ConsentFormResult = { ok: true; body: GrantConsentBody } | { ok: false; errors: ConsentFormErrors }

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/

function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) {
    return false
  }
  const date = new Date(`${value}T12:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

function checkPurpose(purpose: string, errors: ConsentFormErrors): void {
  const trimmed = purpose.trim()
  if (trimmed === '') {
    errors.purpose = 'purposeMissing'
  } else if (trimmed.length > Limits.maxConsentPurposeLength) {
    errors.purpose = 'purposeTooLong'
  }
}

function checkValidUntil(validUntil: string, today: string, errors: ConsentFormErrors, signedOn?: string): void {
  if (validUntil === '') {
    return
  }
  if (!isIsoDate(validUntil)) {
    errors.validUntil = 'dateInvalid'
  } else if (signedOn !== undefined && isIsoDate(signedOn) && validUntil < signedOn) {
    errors.validUntil = 'validUntilBeforeSigned'
  } else if (validUntil < today) {
    // It would lapse at once.
    errors.validUntil = 'validUntilPast'
  }
}

function finish(errors: ConsentFormErrors, body: GrantConsentBody): ConsentFormResult {
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors }
  }
  // The shared schema has the last word (the server parses the same).
  const parsed = GrantConsentBody.safeParse(body)
  if (parsed.success) {
    return { ok: true, body: parsed.data }
  }
  const schemaErrors: ConsentFormErrors = {}
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'purpose')
    schemaErrors[formInputs.has(key) ? (key as ConsentFormInput) : 'purpose'] = 'invalid'
  }
  return { ok: false, errors: schemaErrors }
}

/** The coachee's own consent in the app: purpose required, end date optional and not in the past. */
export function inAppConsentBody(
  input: { field: ConfidentialField; memberId: string; purpose: string; validUntil: string },
  today: string,
): ConsentFormResult {
  const errors: ConsentFormErrors = {}
  checkPurpose(input.purpose, errors)
  checkValidUntil(input.validUntil, today, errors)
  return finish(errors, {
    field: input.field,
    memberId: input.memberId,
    purpose: input.purpose.trim(),
    evidence: 'inApp',
    ...(input.validUntil === '' ? {} : { validUntil: input.validUntil }),
  })
}

/** A consent given on paper, recorded by a coach: field, recipient, purpose and signing day required. */
export function paperConsentBody(
  input: { field: ConfidentialField | ''; memberId: string; purpose: string; signedOn: string; validUntil: string },
  today: string,
): ConsentFormResult {
  const errors: ConsentFormErrors = {}
  if (input.field === '') {
    errors.field = 'fieldMissing'
  }
  if (input.memberId === '') {
    errors.memberId = 'memberMissing'
  }
  checkPurpose(input.purpose, errors)
  if (input.signedOn === '') {
    errors.signedOn = 'signedOnMissing'
  } else if (!isIsoDate(input.signedOn)) {
    errors.signedOn = 'dateInvalid'
  } else if (input.signedOn > today) {
    errors.signedOn = 'signedOnFuture'
  }
  checkValidUntil(input.validUntil, today, errors, input.signedOn)
  if (input.field === '') {
    return { ok: false, errors }
  }
  return finish(errors, {
    field: input.field,
    memberId: input.memberId,
    purpose: input.purpose.trim(),
    evidence: 'signedForm',
    signedOn: input.signedOn,
    ...(input.validUntil === '' ? {} : { validUntil: input.validUntil }),
  })
}
