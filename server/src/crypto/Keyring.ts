/**
 * Per-owner data keys (random 256-bit AES keys) wrapped by the master key
 * with AES-256-GCM, bound to their owner. Unwrapped keys are cached in
 * memory, bounded in number and age. Destroying an owner's key
 * (crypto-shredding) makes every row sealed with it unreadable, in the
 * database and in every database backup.
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { open, seal } from './aead.js'
import { DataKeyUnavailable, MasterKeyError } from './errors.js'
import { attachmentKeyOwner, billingKeyOwner, caseKeyOwner, copyKeyOwner, invoiceKeyOwner, poolInvitationKeyOwner, poolKeyOwner, requestKeyOwner } from './keyOwners.js'
import type { KeyStore, StoredDataKey } from './KeyStore.js'
import type { MasterKey, MasterKeySet } from './masterKeys.js'

const DataKeyBytes = 32

function wrapAad(owner: string): string {
  return `fallbuch/v1\0data_keys.wrapped\0${owner}`
}

/** Wraps a raw data key for `owner` with `master`. */
export function wrapDataKey(master: MasterKey, owner: string, raw: Uint8Array): Buffer {
  return seal(master.key, raw, wrapAad(owner))
}

/** Unwraps a stored key with whichever configured master key wrapped it. */
export function unwrapDataKey(masterKeys: MasterKeySet, row: StoredDataKey): Buffer {
  if (row.wrapped === null || row.masterKeyId === null) {
    throw new DataKeyUnavailable('destroyed', row.owner, `the data key of ${row.owner} was destroyed at ${row.destroyedAt ?? '?'}; its content cannot be read`)
  }
  const master = masterKeys.byId.get(row.masterKeyId)
  if (master === undefined) {
    throw new DataKeyUnavailable(
      'unknownMasterKey',
      row.owner,
      `the data key of ${row.owner} is wrapped by master key ${row.masterKeyId}, which is not configured (configured: ${[...masterKeys.byId.keys()].join(', ')})`,
    )
  }
  return open(master.key, row.wrapped, wrapAad(row.owner))
}

/** Options of {@link Keyring}. */
export interface KeyringOptions {
  /** Unwrapped keys kept in memory (default 1000). */
  cacheSize?: number
  /**
   * How long an unwrapped key stays cached (default 5 minutes), which also
   * bounds how long another process keeps using a key destroyed elsewhere.
   */
  cacheTtlMs?: number
}

/** Data keys of cases, supervision copies and other rooms. */
export class Keyring {
  private readonly cache = new Map<string, { key: KeyObject; at: number }>()
  private readonly cacheSize: number
  private readonly cacheTtlMs: number

  constructor(
    readonly masterKeys: MasterKeySet,
    private readonly store: KeyStore,
    options: KeyringOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 1000
    this.cacheTtlMs = options.cacheTtlMs ?? 5 * 60_000
  }

  /** The data key of `owner`, created when it has none; throws DataKeyUnavailable for a destroyed one. */
  async dataKey(owner: string): Promise<KeyObject> {
    return (await this.dataKeys([owner], { create: true })).get(owner) as KeyObject
  }

  /** The data key of `owner`, or null when it has none; throws DataKeyUnavailable for a destroyed one. */
  async findDataKey(owner: string): Promise<KeyObject | null> {
    return (await this.dataKeys([owner], { create: false })).get(owner) ?? null
  }

  /** The data key of `owner` that sealed existing rows; throws DataKeyUnavailable when missing or destroyed. */
  async existingDataKey(owner: string): Promise<KeyObject> {
    const key = await this.findDataKey(owner)
    if (key === null) {
      throw new DataKeyUnavailable('missing', owner, `no data key for ${owner}: the rows were sealed with a key this keystore does not hold`)
    }
    return key
  }

  /**
   * The data keys of several owners (one keystore read for the uncached
   * ones). With `create`, owners without a key get one; without, they are
   * left out of the result. Destroyed owners throw DataKeyUnavailable, or
   * are left out with `skipDestroyed` (lists that must not show erased cases).
   */
  async dataKeys(owners: readonly string[], { create, skipDestroyed = false }: { create: boolean; skipDestroyed?: boolean }): Promise<Map<string, KeyObject>> {
    const result = new Map<string, KeyObject>()
    const missing: string[] = []
    for (const owner of new Set(owners)) {
      const cached = this.cached(owner)
      if (cached !== undefined) {
        result.set(owner, cached)
      } else {
        missing.push(owner)
      }
    }
    if (missing.length === 0) {
      return result
    }
    let rows = await this.store.find(missing)
    const absent = missing.filter((owner) => !rows.some((row) => row.owner === owner))
    if (create && absent.length > 0) {
      const now = new Date().toISOString()
      await this.store.insertMissing(
        absent.map((owner) => ({
          owner,
          masterKeyId: this.masterKeys.current.id,
          wrapped: wrapDataKey(this.masterKeys.current, owner, randomBytes(DataKeyBytes)),
          createdAt: now,
          destroyedAt: null,
        })),
      )
      // Read back: of two writers creating the same owner's key, the stored one wins.
      rows = await this.store.find(missing)
    }
    for (const row of rows) {
      if (skipDestroyed && row.destroyedAt !== null) {
        continue
      }
      const key = createSecretKey(unwrapDataKey(this.masterKeys, row))
      this.remember(row.owner, key)
      result.set(row.owner, key)
    }
    return result
  }

  /**
   * Crypto-shredding: destroys the data key of `owner` (in the keystore and
   * in this process's cache) and leaves a tombstone, so nothing is ever
   * sealed for that owner again. True when a live key was destroyed.
   */
  async destroyKey(owner: string): Promise<boolean> {
    this.cache.delete(owner)
    const destroyed = await this.store.destroy(owner, new Date().toISOString())
    this.cache.delete(owner)
    return destroyed
  }

  /**
   * Destroys the key of a case: every room (plan, notes, confidential
   * fields), its title and its consent purposes become unreadable, also in
   * backups of the database. For the erasure of a case (contract §5 DELETE).
   */
  destroyCaseKey(caseId: string): Promise<boolean> {
    return this.destroyKey(caseKeyOwner(caseId))
  }

  /** The owners of `owners` that still have a live (not destroyed) key. */
  async liveOwners(owners: readonly string[]): Promise<string[]> {
    if (owners.length === 0) {
      return []
    }
    return (await this.store.find(owners)).filter((row) => row.wrapped !== null).map((row) => row.owner)
  }

  /** Destroys the key of a supervision copy (its room and discussion). */
  destroyCopyKey(copyId: string): Promise<boolean> {
    return this.destroyKey(copyKeyOwner(copyId))
  }

  /** Destroys the key of a request (erased, or accepted: its details moved under the case's key; issue 19). */
  destroyRequestKey(requestId: string): Promise<boolean> {
    return this.destroyKey(requestKeyOwner(requestId))
  }

  /** Destroys the key of a pool member's application (erased, issue 20). */
  destroyPoolKey(userId: string): Promise<boolean> {
    return this.destroyKey(poolKeyOwner(userId))
  }

  /** Destroys the key of an invitation to the pool (used or withdrawn: the name and address are gone with it; issue 20). */
  destroyPoolInvitationKey(invitationId: string): Promise<boolean> {
    return this.destroyKey(poolInvitationKeyOwner(invitationId))
  }

  /** Destroys the key of a case's retained billing records (their own retention ended, issue 16). */
  destroyBillingKey(caseId: string): Promise<boolean> {
    return this.destroyKey(billingKeyOwner(caseId))
  }

  /** Destroys the key of a year's invoices (their retention ended, issue 18). */
  destroyInvoiceKey(year: number): Promise<boolean> {
    return this.destroyKey(invoiceKeyOwner(year))
  }

  /** Destroys the key of an attachment (deleted, or erased with its owner; issue 20). */
  destroyAttachmentKey(attachmentId: string): Promise<boolean> {
    return this.destroyKey(attachmentKeyOwner(attachmentId))
  }

  /** Drops an owner's key from this process's cache (another process destroyed it). */
  forget(owner: string): void {
    this.cache.delete(owner)
  }

  /**
   * Checks at start that every live data key is wrapped by a configured
   * master key (throws MasterKeyError naming the missing ids otherwise);
   * resolves with the count per master key id.
   */
  async checkMasterKeys(): Promise<Map<string, number>> {
    const counts = await this.store.countByMasterKey()
    const unknown = [...counts.keys()].filter((id) => !this.masterKeys.byId.has(id))
    if (unknown.length > 0) {
      throw new MasterKeyError(
        `the keystore holds data keys wrapped by master key ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not configured ` +
          `(configured: ${[...this.masterKeys.byId.keys()].join(', ')}); set MASTER_KEY or MASTER_KEY_FILE to the key of this installation`,
      )
    }
    return counts
  }

  /** The keystore (rotation, migration). */
  get keyStore(): KeyStore {
    return this.store
  }

  async close(): Promise<void> {
    this.cache.clear()
    await this.store.close()
  }

  /** The key of `owner` if this process holds it unwrapped (not expired); no keystore read. */
  cached(owner: string): KeyObject | undefined {
    const entry = this.cache.get(owner)
    if (entry === undefined) {
      return undefined
    }
    this.cache.delete(owner)
    if (Date.now() - entry.at > this.cacheTtlMs) {
      return undefined
    }
    this.cache.set(owner, entry)
    return entry.key
  }

  private remember(owner: string, key: KeyObject): void {
    this.cache.delete(owner)
    this.cache.set(owner, { key, at: Date.now() })
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value
      if (oldest === undefined) {
        break
      }
      this.cache.delete(oldest)
    }
  }
}
