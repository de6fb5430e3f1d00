/**
 * What is encrypted at rest and where each value is bound (its AAD). The
 * storage backends call these with the owner's data key; a value copied into
 * another room, case, grant or column does not open there.
 */
import type { KeyObject } from 'node:crypto'
import { open, openBytes, seal } from './aead.js'

const Label = 'fallbuch/v1'

function roomUpdateAad(room: string): string {
  return `${Label}\0room_updates.data\0${room}`
}

function caseTitleAad(caseId: string): string {
  return `${Label}\0cases.title\0${caseId}`
}

function copyColumnAad(column: 'title' | 'redactions', copyId: string): string {
  return `${Label}\0supervision_copies.${column}\0${copyId}`
}

function consentPurposeAad(caseId: string, grantId: string): string {
  return `${Label}\0consent_grants.purpose\0${caseId}\0${grantId}`
}

function releaseDetailsAad(caseId: string, releaseId: string): string {
  return `${Label}\0confidentiality_releases.details\0${caseId}\0${releaseId}`
}

function billingRecordAad(recordId: string): string {
  return `${Label}\0retained_billing_records.details\0${recordId}`
}

function versionStateAad(caseId: string, versionId: string, doc: string): string {
  return `${Label}\0document_versions.state\0${caseId}\0${versionId}\0${doc}`
}

/** A row of a room's update log, bound to the room's name. */
export function sealRoomUpdate(key: KeyObject, room: string, update: Uint8Array): Buffer {
  return seal(key, update, roomUpdateAad(room))
}

export function openRoomUpdate(key: KeyObject, room: string, sealed: Uint8Array): Uint8Array {
  return openBytes(key, sealed, roomUpdateAad(room))
}

/** Text in a TEXT column: base64 of the sealed bytes. */
function sealText(key: KeyObject, text: string, aad: string): string {
  return seal(key, Buffer.from(text, 'utf8'), aad).toString('base64')
}

function openText(key: KeyObject, stored: string, aad: string): string {
  return open(key, Buffer.from(stored, 'base64'), aad).toString('utf8')
}

/** cases.title (the plan's title, mirrored for lists), bound to the case id. */
export function sealCaseTitle(key: KeyObject, caseId: string, title: string): string {
  return sealText(key, title, caseTitleAad(caseId))
}

export function openCaseTitle(key: KeyObject, caseId: string, stored: string): string {
  return openText(key, stored, caseTitleAad(caseId))
}

/** supervision_copies.title / .redactions (JSON), bound to the copy; sealed with the copy's key. */
export function sealCopyText(key: KeyObject, copyId: string, column: 'title' | 'redactions', text: string): string {
  return sealText(key, text, copyColumnAad(column, copyId))
}

export function openCopyText(key: KeyObject, copyId: string, column: 'title' | 'redactions', stored: string): string {
  return openText(key, stored, copyColumnAad(column, copyId))
}

/** consent_grants.purpose, bound to the case and the grant. */
export function sealConsentPurpose(key: KeyObject, caseId: string, grantId: string, purpose: string): string {
  return sealText(key, purpose, consentPurposeAad(caseId, grantId))
}

export function openConsentPurpose(key: KeyObject, caseId: string, grantId: string, stored: string): string {
  return openText(key, stored, consentPurposeAad(caseId, grantId))
}

/** confidentiality_releases.details (names and purpose as JSON), bound to the case and the release. */
export function sealReleaseDetails(key: KeyObject, caseId: string, releaseId: string, details: string): string {
  return sealText(key, details, releaseDetailsAad(caseId, releaseId))
}

export function openReleaseDetails(key: KeyObject, caseId: string, releaseId: string, stored: string): string {
  return openText(key, stored, releaseDetailsAad(caseId, releaseId))
}

/** retained_billing_records.details (JSON), bound to the record; sealed with the billing key, which outlives the case's. */
export function sealBillingDetails(key: KeyObject, recordId: string, details: string): string {
  return sealText(key, details, billingRecordAad(recordId))
}

export function openBillingDetails(key: KeyObject, recordId: string, stored: string): string {
  return openText(key, stored, billingRecordAad(recordId))
}

/** document_versions.state (a plan or notes snapshot), bound to the case, the version and the document. */
export function sealVersionState(key: KeyObject, caseId: string, versionId: string, doc: string, state: Uint8Array): Buffer {
  return seal(key, state, versionStateAad(caseId, versionId, doc))
}

export function openVersionState(key: KeyObject, caseId: string, versionId: string, doc: string, sealed: Uint8Array): Uint8Array {
  return openBytes(key, sealed, versionStateAad(caseId, versionId, doc))
}

/** The sealed JSON details of a case's funding rows (issue 18), bound to the table, the case and the row. */
export type FundingDetailsTable = 'case_funding' | 'funding_approvals'

function fundingDetailsAad(table: FundingDetailsTable, caseId: string, rowId: string): string {
  return `${Label}\0${table}.details\0${caseId}\0${rowId}`
}

export function sealFundingDetails(key: KeyObject, table: FundingDetailsTable, caseId: string, rowId: string, details: string): string {
  return sealText(key, details, fundingDetailsAad(table, caseId, rowId))
}

export function openFundingDetails(key: KeyObject, table: FundingDetailsTable, caseId: string, rowId: string, stored: string): string {
  return openText(key, stored, fundingDetailsAad(table, caseId, rowId))
}

function invoiceDetailsAad(invoiceId: string): string {
  return `${Label}\0invoices.details\0${invoiceId}`
}

/** invoices.details (JSON, issue 18), bound to the invoice; sealed with the key of the year of issue, which no case's erasure touches. */
export function sealInvoiceDetails(key: KeyObject, invoiceId: string, details: string): string {
  return sealText(key, details, invoiceDetailsAad(invoiceId))
}

export function openInvoiceDetails(key: KeyObject, invoiceId: string, stored: string): string {
  return openText(key, stored, invoiceDetailsAad(invoiceId))
}

/** month_confirmations.details (the confirming account, issue 18), bound to the case and the row. */
function hoursProofDetailsAad(caseId: string, rowId: string): string {
  return `${Label}\0month_confirmations.details\0${caseId}\0${rowId}`
}

export function sealHoursProofDetails(key: KeyObject, caseId: string, rowId: string, details: string): string {
  return sealText(key, details, hoursProofDetailsAad(caseId, rowId))
}

export function openHoursProofDetails(key: KeyObject, caseId: string, rowId: string, stored: string): string {
  return openText(key, stored, hoursProofDetailsAad(caseId, rowId))
}

/** intake_requests.details (JSON, issue 19), bound to the request; sealed with the request's key, or its case's once accepted. */
function requestDetailsAad(requestId: string): string {
  return `${Label}\0intake_requests.details\0${requestId}`
}

export function sealRequestDetails(key: KeyObject, requestId: string, details: string): string {
  return sealText(key, details, requestDetailsAad(requestId))
}

export function openRequestDetails(key: KeyObject, requestId: string, stored: string): string {
  return openText(key, stored, requestDetailsAad(requestId))
}

/** attachment_chunks.data (issue 20): one chunk of a file, bound to its attachment and its place in the file. */
function attachmentChunkAad(attachmentId: string, seq: number): string {
  return `${Label}\0attachment_chunks.data\0${attachmentId}\0${seq}`
}

export function sealAttachmentChunk(key: KeyObject, attachmentId: string, seq: number, chunk: Uint8Array): Buffer {
  return seal(key, chunk, attachmentChunkAad(attachmentId, seq))
}

export function openAttachmentChunk(key: KeyObject, attachmentId: string, seq: number, sealed: Uint8Array): Buffer {
  return open(key, sealed, attachmentChunkAad(attachmentId, seq))
}

/** attachments.details (JSON: the file name, and once complete its size and chunk count, so a dropped last chunk is noticed), bound to the attachment. */
function attachmentDetailsAad(attachmentId: string): string {
  return `${Label}\0attachments.details\0${attachmentId}`
}

export function sealAttachmentDetails(key: KeyObject, attachmentId: string, details: string): string {
  return sealText(key, details, attachmentDetailsAad(attachmentId))
}

export function openAttachmentDetails(key: KeyObject, attachmentId: string, stored: string): string {
  return openText(key, stored, attachmentDetailsAad(attachmentId))
}

/** The pool's sealed JSON columns (issue 20). */
export type PoolDetailsTable = 'pool_applications' | 'pool_match_needs' | 'pool_invitations'

function poolDetailsAad(table: PoolDetailsTable, rowId: string): string {
  return `${Label}\0${table}.details\0${rowId}`
}

export function sealPoolDetails(key: KeyObject, table: PoolDetailsTable, rowId: string, details: string): string {
  return sealText(key, details, poolDetailsAad(table, rowId))
}

export function openPoolDetails(key: KeyObject, table: PoolDetailsTable, rowId: string, stored: string): string {
  return openText(key, stored, poolDetailsAad(table, rowId))
}

/** job_search_entries.details (an application or contact, JSON; issue 19), bound to the case and the entry; sealed with the case's key. */
function jobSearchDetailsAad(caseId: string, entryId: string): string {
  return `${Label}\0job_search_entries.details\0${caseId}\0${entryId}`
}

export function sealJobSearchDetails(key: KeyObject, caseId: string, entryId: string, details: string): string {
  return sealText(key, details, jobSearchDetailsAad(caseId, entryId))
}

export function openJobSearchDetails(key: KeyObject, caseId: string, entryId: string, stored: string): string {
  return openText(key, stored, jobSearchDetailsAad(caseId, entryId))
}

/** employer_directory.details (name, contacts, past placements, JSON; issue 19), bound to the entry; sealed with the entry's own key. */
function employerDetailsAad(employerId: string): string {
  return `${Label}\0employer_directory.details\0${employerId}`
}

export function sealEmployerDetails(key: KeyObject, employerId: string, details: string): string {
  return sealText(key, details, employerDetailsAad(employerId))
}

export function openEmployerDetails(key: KeyObject, employerId: string, stored: string): string {
  return openText(key, stored, employerDetailsAad(employerId))
}
