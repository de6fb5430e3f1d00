/**
 * Encryption at rest for both backends, in one place: which owner's data
 * key seals which column, and how rows are sealed before a write and opened
 * after a read (the AAD of each value is in crypto/atRest.ts). Keys are
 * fetched before a transaction starts, never inside one (SQLite
 * transactions are synchronous; a PostgreSQL one must not wait for a second
 * pool connection).
 */
import type { KeyObject } from 'node:crypto'
import {
  openCaseTitle,
  openConsentPurpose,
  openFundingDetails,
  openCopyText,
  openBillingDetails,
  openInvoiceDetails,
  sealInvoiceDetails,
  openReleaseDetails,
  openRoomUpdate,
  sealCaseTitle,
  sealConsentPurpose,
  sealCopyText,
  sealBillingDetails,
  sealReleaseDetails,
  sealFundingDetails,
  type FundingDetailsTable,
  openHoursProofDetails,
  sealHoursProofDetails,
  sealRoomUpdate,
  openRequestDetails,
  sealRequestDetails,
  openPoolDetails,
  sealPoolDetails,
  type PoolDetailsTable,
  openJobSearchDetails,
  sealJobSearchDetails,
  openEmployerDetails,
  sealEmployerDetails,
} from '../crypto/atRest.js'
import { billingKeyOwner, caseKeyOwner, copyKeyOwner, employerKeyOwner, invoiceKeyOwner, keyOwnerOfRoom, poolInvitationKeyOwner, poolKeyOwner, poolNeedsKeyOwner, requestKeyOwner } from '../crypto/keyOwners.js'
import type { Keyring } from '../crypto/Keyring.js'

/** The title listed for a case whose data key is missing: the case list still answers (issue 23). */
export const UnreadableCaseTitle = '[nicht lesbar: Datenschlüssel fehlt]'

/** A key lookup that fails loudly for an owner it was not given. */
export type KeyOf = (owner: string) => KeyObject

function missingKey(owner: string): never {
  throw new Error(`no data key for ${owner}`)
}

/** Sealing and opening of the encrypted columns, with the keyring's data keys. */
export class AtRest {
  constructor(readonly keyring: Keyring) {}

  /** The data keys of `owners` (created when `create`), as a lookup. */
  async keys(owners: readonly string[], options: { create: boolean }): Promise<KeyOf> {
    const keys = await this.keyring.dataKeys(owners, options)
    return (owner) => keys.get(owner) ?? missingKey(owner)
  }

  /** The data key of `room`'s owner, created when missing (a destroyed one throws DataKeyUnavailable). */
  roomSealingKey(room: string): Promise<KeyObject> {
    return this.keyring.dataKey(keyOwnerOfRoom(room))
  }

  /** A room's sealing key when the keyring holds it already (the commit path's common case: no promise). */
  cachedRoomSealingKey(room: string): KeyObject | undefined {
    return this.keyring.cached(keyOwnerOfRoom(room))
  }

  /** The existing key of a room's owner (reading and compacting its log). */
  roomKey(room: string): Promise<KeyObject> {
    return this.keyring.existingDataKey(keyOwnerOfRoom(room))
  }

  /** A room update sealed with its room's key, bound to the room's name. */
  sealUpdate(key: KeyObject, room: string, update: Uint8Array): Buffer {
    return sealRoomUpdate(key, room, update)
  }

  openUpdate(key: KeyObject, room: string, sealed: Uint8Array): Uint8Array {
    return openRoomUpdate(key, room, sealed)
  }

  /** A case title sealed with the case's key (created when missing). */
  async sealCaseTitle(caseId: string, title: string): Promise<string> {
    return this.sealCaseTitleWith(await this.keyring.dataKey(caseKeyOwner(caseId)), caseId, title)
  }

  /** A case title sealed with the case's key, fetched already. */
  sealCaseTitleWith(key: KeyObject, caseId: string, title: string): string {
    return sealCaseTitle(key, caseId, title)
  }

  /**
   * Case rows with their titles opened. Rows of a case whose key was
   * destroyed (erased; a restored older backup can still hold its rows) are
   * left out: an erased case is not found.
   */
  async openCaseRows<T extends { id: string; title: string }>(rows: readonly T[]): Promise<T[]> {
    const owners = rows.map((row) => caseKeyOwner(row.id))
    const keys = await this.keyring.dataKeys(owners, { create: false, skipDestroyed: true })
    const destroyed = new Set((await this.keyring.keyStore.find(owners.filter((owner) => !keys.has(owner)))).map((row) => row.owner))
    return rows.filter((row) => !destroyed.has(caseKeyOwner(row.id))).map((row) => ({ ...row, title: this.openTitleOrMark(keys.get(caseKeyOwner(row.id)), row) }))
  }

  /**
   * A case whose key is missing (a database restored with an older
   * keystore; the start-up check names such cases) or does not open its
   * title fails alone: it is listed as unreadable, the list still answers.
   */
  private openTitleOrMark(key: KeyObject | undefined, row: { id: string; title: string }): string {
    if (key === undefined) {
      return UnreadableCaseTitle
    }
    try {
      return openCaseTitle(key, row.id, row.title)
    } catch {
      return UnreadableCaseTitle
    }
  }

  /** A consent grant's purpose sealed with its case's key. */
  async sealConsentPurpose(caseId: string, grantId: string, purpose: string): Promise<string> {
    return sealConsentPurpose(await this.keyring.dataKey(caseKeyOwner(caseId)), caseId, grantId, purpose)
  }

  /** Grant rows of one case with their purposes opened. */
  async openConsentRows<T extends { id: string; case_id: string; purpose: string }>(caseId: string, rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => ({ ...row, purpose: openConsentPurpose(key, row.case_id, row.id, row.purpose) }))
  }

  /** A release's details (names and purpose, JSON) sealed with its case's key. */
  async sealReleaseDetails(caseId: string, releaseId: string, details: string): Promise<string> {
    return sealReleaseDetails(await this.keyring.dataKey(caseKeyOwner(caseId)), caseId, releaseId, details)
  }

  /** Release rows of one case with their details opened. */
  async openReleaseRows<T extends { id: string; case_id: string; details: string }>(caseId: string, rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => ({ ...row, details: openReleaseDetails(key, row.case_id, row.id, row.details) }))
  }

  /** Billing records' details (JSON) sealed with their case's billing key (created when missing), by record id. */
  async sealBillingDetails(caseId: string, records: ReadonlyArray<{ id: string; details: unknown }>): Promise<Map<string, string>> {
    if (records.length === 0) {
      return new Map()
    }
    const key = await this.keyring.dataKey(billingKeyOwner(caseId))
    return new Map(records.map((record) => [record.id, sealBillingDetails(key, record.id, JSON.stringify(record.details))]))
  }

  /** Billing rows with their details opened with each case's billing key. */
  async openBillingRows<T extends { id: string; case_id: string; details: string }>(rows: readonly T[]): Promise<T[]> {
    const keyOf = await this.keys([...new Set(rows.map((row) => billingKeyOwner(row.case_id)))], { create: false })
    return rows.map((row) => ({ ...row, details: openBillingDetails(keyOf(billingKeyOwner(row.case_id)), row.id, row.details) }))
  }

  /** A funding row's details (JSON: file number, referring body; an approval's reference and note) sealed with its case's key. */
  async sealFundingDetails(table: FundingDetailsTable, caseId: string, rowId: string, details: string): Promise<string> {
    return sealFundingDetails(await this.keyring.dataKey(caseKeyOwner(caseId)), table, caseId, rowId, details)
  }

  /** Funding rows of one case with their details opened. */
  async openFundingRows<T extends { id: string; case_id: string; details: string }>(table: FundingDetailsTable, caseId: string, rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => ({ ...row, details: openFundingDetails(key, table, row.case_id, row.id, row.details) }))
  }

  /** An invoice's details (JSON) sealed with the key of its year of issue (created when missing). */
  async sealInvoiceDetails(year: number, invoiceId: string, details: string): Promise<string> {
    return sealInvoiceDetails(await this.keyring.dataKey(invoiceKeyOwner(year)), invoiceId, details)
  }

  /** Invoice rows with their details opened with each year's key. */
  async openInvoiceRows<T extends { id: string; year: number; details: string }>(rows: readonly T[]): Promise<T[]> {
    const keyOf = await this.keys([...new Set(rows.map((row) => invoiceKeyOwner(Number(row.year))))], { create: false })
    return rows.map((row) => ({ ...row, details: openInvoiceDetails(keyOf(invoiceKeyOwner(Number(row.year))), row.id, row.details) }))
  }

  /** A month confirmation's details (the confirming account, JSON) sealed with its case's key. */
  async sealHoursProofDetails(caseId: string, rowId: string, details: string): Promise<string> {
    return sealHoursProofDetails(await this.keyring.dataKey(caseKeyOwner(caseId)), caseId, rowId, details)
  }

  /** Month confirmation rows of one case with their details opened. */
  async openHoursProofRows<T extends { id: string; case_id: string; details: string }>(caseId: string, rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => ({ ...row, details: openHoursProofDetails(key, row.case_id, row.id, row.details) }))
  }

  /** The key owner sealing a request's details: its case's once it has one, else its own. */
  private requestOwner(row: { id: string; case_id: string | null }): string {
    return row.case_id === null ? requestKeyOwner(row.id) : caseKeyOwner(row.case_id)
  }

  /** A request's details (JSON) sealed with its own key, or its case's (created when missing). */
  async sealRequestDetails(row: { id: string; case_id: string | null }, details: string): Promise<string> {
    return sealRequestDetails(await this.keyring.dataKey(this.requestOwner(row)), row.id, details)
  }

  /**
   * Request rows with their details opened. A row whose key is gone (its
   * erasure was interrupted after the key was destroyed) is left out.
   */
  async openRequestRows<T extends { id: string; case_id: string | null; details: string }>(rows: readonly T[]): Promise<T[]> {
    const owners = [...new Set(rows.map((row) => this.requestOwner(row)))]
    const keys = await this.keyring.dataKeys(owners, { create: false, skipDestroyed: true })
    return rows.flatMap((row) => {
      const key = keys.get(this.requestOwner(row))
      return key === undefined ? [] : [{ ...row, details: openRequestDetails(key, row.id, row.details) }]
    })
  }

  /** An application or contact of a case's job search (JSON) sealed with the case's key. */
  async sealJobSearchDetails(caseId: string, entryId: string, details: string): Promise<string> {
    return sealJobSearchDetails(await this.keyring.dataKey(caseKeyOwner(caseId)), caseId, entryId, details)
  }

  /** Job-search rows of one case with their details opened. */
  async openJobSearchRows<T extends { id: string; case_id: string; details: string }>(caseId: string, rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) {
      return []
    }
    const key = await this.keyring.existingDataKey(caseKeyOwner(caseId))
    return rows.map((row) => ({ ...row, details: openJobSearchDetails(key, row.case_id, row.id, row.details) }))
  }

  /** A directory employer's details (JSON) sealed with the entry's own key (created when missing). */
  async sealEmployerDetails(employerId: string, details: string): Promise<string> {
    return sealEmployerDetails(await this.keyring.dataKey(employerKeyOwner(employerId)), employerId, details)
  }

  /** Directory rows with their details opened; a row whose key is gone (its deletion was interrupted) is left out. */
  async openEmployerRows<T extends { id: string; details: string }>(rows: readonly T[]): Promise<T[]> {
    const keys = await this.keyring.dataKeys(rows.map((row) => employerKeyOwner(row.id)), { create: false, skipDestroyed: true })
    return rows.flatMap((row) => {
      const key = keys.get(employerKeyOwner(row.id))
      return key === undefined ? [] : [{ ...row, details: openEmployerDetails(key, row.id, row.details) }]
    })
  }

  /** The key of a supervision copy (its texts and both its rooms), created when missing. */
  copyKey(copyId: string): Promise<KeyObject> {
    return this.keyring.dataKey(copyKeyOwner(copyId))
  }

  /** A copy's title or redactions (JSON) sealed with the copy's key: the redactions are the case's own words. */
  sealCopyText(key: KeyObject, copyId: string, column: 'title' | 'redactions', text: string): string {
    return sealCopyText(key, copyId, column, text)
  }

  /** Copy rows with title and redactions opened with each copy's key. */
  async openCopyRows<T extends { id: string; title: string; redactions: string }>(rows: readonly T[]): Promise<T[]> {
    const keyOf = await this.keys(rows.map((row) => copyKeyOwner(row.id)), { create: false })
    return rows.map((row) => {
      const key = keyOf(copyKeyOwner(row.id))
      return { ...row, title: openCopyText(key, row.id, 'title', row.title), redactions: openCopyText(key, row.id, 'redactions', row.redactions) }
    })
  }

  /** The key owner of a pool row: the applicant's for an application, the request's own for match needs, an invitation's own. */
  private poolOwner(table: PoolDetailsTable, ownerId: string): string {
    if (table === 'pool_invitations') {
      return poolInvitationKeyOwner(ownerId)
    }
    return table === 'pool_applications' ? poolKeyOwner(ownerId) : poolNeedsKeyOwner(ownerId)
  }

  /** A pool row's details (JSON) sealed with its owner's key (created when missing); issue 20. */
  async sealPoolDetails(table: PoolDetailsTable, ownerId: string, rowId: string, details: string): Promise<string> {
    return sealPoolDetails(await this.keyring.dataKey(this.poolOwner(table, ownerId)), table, rowId, details)
  }

  /** Pool rows with their details opened; a row whose key was destroyed (erased meanwhile) is left out. */
  async openPoolRows<T extends { id: string; owner: string; details: string }>(table: PoolDetailsTable, rows: readonly T[]): Promise<T[]> {
    const owners = [...new Set(rows.map((row) => this.poolOwner(table, row.owner)))]
    const keys = await this.keyring.dataKeys(owners, { create: false, skipDestroyed: true })
    return rows.flatMap((row) => {
      const key = keys.get(this.poolOwner(table, row.owner))
      return key === undefined ? [] : [{ ...row, details: openPoolDetails(key, table, row.id, row.details) }]
    })
  }
}
