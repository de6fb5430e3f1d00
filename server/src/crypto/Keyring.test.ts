import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openRoomUpdate, sealRoomUpdate } from './atRest.js'
import { DataKeyUnavailable, DecryptionError, MasterKeyError } from './errors.js'
import { caseKeyOwner, copyKeyOwner, keyOwnerOfRoom } from './keyOwners.js'
import { Keyring } from './Keyring.js'
import type { KeyStore, Rewrapped, StoredDataKey } from './KeyStore.js'
import { masterKeyId, masterKeySet } from './masterKeys.js'

/** A KeyStore in memory, counting reads. */
class MemoryKeyStore implements KeyStore {
  rows = new Map<string, StoredDataKey>()
  reads = 0
  async find(owners: readonly string[]): Promise<StoredDataKey[]> {
    this.reads += 1
    return owners.flatMap((owner) => {
      const row = this.rows.get(owner)
      return row ? [{ ...row }] : []
    })
  }
  async insertMissing(rows: readonly StoredDataKey[]): Promise<void> {
    for (const row of rows) {
      if (!this.rows.has(row.owner)) {
        this.rows.set(row.owner, { ...row })
      }
    }
  }
  async destroy(owner: string, at: string): Promise<boolean> {
    const row = this.rows.get(owner)
    this.rows.set(owner, { owner, masterKeyId: null, wrapped: null, createdAt: row?.createdAt ?? at, destroyedAt: row?.destroyedAt ?? at })
    return row !== undefined && row.destroyedAt === null
  }
  async countByMasterKey(): Promise<Map<string, number>> {
    const counts = new Map<string, number>()
    for (const row of this.rows.values()) {
      if (row.masterKeyId !== null) {
        counts.set(row.masterKeyId, (counts.get(row.masterKeyId) ?? 0) + 1)
      }
    }
    return counts
  }
  async rewrapAll(rewrap: (row: StoredDataKey) => Rewrapped | null): Promise<number> {
    let n = 0
    for (const row of this.rows.values()) {
      const next = row.wrapped === null ? null : rewrap(row)
      if (next) {
        this.rows.set(row.owner, { ...row, ...next })
        n += 1
      }
    }
    return n
  }
  async all(): Promise<StoredDataKey[]> {
    return [...this.rows.values()]
  }
  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

const rawA = randomBytes(32)
const rawB = randomBytes(32)
const keysA = masterKeySet([rawA], { kind: 'env' })
const keysB = masterKeySet([rawB], { kind: 'env' })

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a rejection')
}

describe('key owners', () => {
  it('gives every room of a case the case key, a supervision copy and its discussion the copy key', () => {
    const caseId = 'Zq3r9Kd0xWw1Lm5n'
    expect(keyOwnerOfRoom(`cases/${caseId}/plan`)).toBe(caseKeyOwner(caseId))
    expect(keyOwnerOfRoom(`cases/${caseId}/confidential/diagnosis`)).toBe(caseKeyOwner(caseId))
    expect(keyOwnerOfRoom('supervision/Copy0123456789abcd')).toBe(copyKeyOwner('Copy0123456789abcd'))
    expect(keyOwnerOfRoom('supervision/Copy0123456789abcd/discussion')).toBe(copyKeyOwner('Copy0123456789abcd'))
    expect(keyOwnerOfRoom('elsewhere')).toBe('room:elsewhere')
  })
})

describe('Keyring', () => {
  it('creates one random data key per owner, wraps it by the master key with its id, and caches it', async () => {
    const store = new MemoryKeyStore()
    const keyring = new Keyring(keysA, store)
    const a = await keyring.dataKey('case:a')
    const b = await keyring.dataKey('case:b')
    expect(a.export().equals(b.export())).toBe(false)
    const row = store.rows.get('case:a')
    expect(row?.masterKeyId).toBe(masterKeyId(rawA))
    expect(Buffer.from(row?.wrapped ?? []).includes(a.export())).toBe(false)
    const reads = store.reads
    expect((await keyring.dataKey('case:a')).export()).toEqual(a.export())
    expect(store.reads).toBe(reads)
    // Another process (a fresh keyring) unwraps the same key.
    expect((await new Keyring(keysA, store).existingDataKey('case:a')).export()).toEqual(a.export())
  })

  it('keeps at most cacheSize keys in memory', async () => {
    const store = new MemoryKeyStore()
    const keyring = new Keyring(keysA, store, { cacheSize: 2 })
    await keyring.dataKeys(['o1', 'o2', 'o3'], { create: true })
    const reads = store.reads
    await keyring.dataKey('o3')
    expect(store.reads).toBe(reads)
    await keyring.dataKey('o1')
    expect(store.reads).toBe(reads + 1)
  })

  it('refuses a wrong master key with a clear error, never another key', async () => {
    const store = new MemoryKeyStore()
    await new Keyring(keysA, store).dataKey('case:a')
    const wrong = new Keyring(keysB, store)
    const err = await rejection(wrong.existingDataKey('case:a'))
    expect(err).toBeInstanceOf(DataKeyUnavailable)
    expect((err as DataKeyUnavailable).reason).toBe('unknownMasterKey')
    expect(err.message).toContain(masterKeyId(rawA))
    expect(await rejection(wrong.checkMasterKeys())).toBeInstanceOf(MasterKeyError)
    // A wrapped key forged under the right id still does not open with another key.
    const row = store.rows.get('case:a') as StoredDataKey
    store.rows.set('case:a', { ...row, masterKeyId: masterKeyId(rawB) })
    expect(await rejection(new Keyring(keysB, store).existingDataKey('case:a'))).toBeInstanceOf(DecryptionError)
  })

  it('binds a wrapped key to its owner: a key row copied to another case does not open', async () => {
    const store = new MemoryKeyStore()
    await new Keyring(keysA, store).dataKey('case:a')
    store.rows.set('case:b', { ...(store.rows.get('case:a') as StoredDataKey), owner: 'case:b' })
    expect(await rejection(new Keyring(keysA, store).existingDataKey('case:b'))).toBeInstanceOf(DecryptionError)
  })

  it('destroys a case key for good: sealed rows stop opening, no new key is made for the case, other cases are untouched', async () => {
    const store = new MemoryKeyStore()
    const keyring = new Keyring(keysA, store)
    const room = 'cases/Zq3r9Kd0xWw1Lm5n/notes'
    const sealed = sealRoomUpdate(await keyring.dataKey(keyOwnerOfRoom(room)), room, new Uint8Array([1, 2, 3]))
    const otherKey = await keyring.dataKey('case:other')
    expect(await keyring.destroyCaseKey('Zq3r9Kd0xWw1Lm5n')).toBe(true)
    expect(await keyring.destroyCaseKey('Zq3r9Kd0xWw1Lm5n')).toBe(false)
    for (const attempt of [keyring.existingDataKey(keyOwnerOfRoom(room)), keyring.dataKey(keyOwnerOfRoom(room))]) {
      const err = await rejection(attempt)
      expect(err).toBeInstanceOf(DataKeyUnavailable)
      expect((err as DataKeyUnavailable).reason).toBe('destroyed')
    }
    expect(store.rows.get(keyOwnerOfRoom(room))?.wrapped).toBeNull()
    expect(await keyring.dataKeys([keyOwnerOfRoom(room), 'case:other'], { create: false, skipDestroyed: true })).toHaveProperty('size', 1)
    // The row opened only with the destroyed key; the untouched case's key does not open it.
    expect(() => openRoomUpdate(otherKey, room, sealed)).toThrow(DecryptionError)
    // A case never created can be tombstoned too.
    expect(await keyring.destroyCopyKey('never')).toBe(false)
    expect(await rejection(keyring.dataKey(copyKeyOwner('never')))).toBeInstanceOf(DataKeyUnavailable)
  })

  it('accepts every configured master key by id and reports which wrap how many data keys', async () => {
    const store = new MemoryKeyStore()
    await new Keyring(keysA, store).dataKey('case:old')
    const both = masterKeySet([rawB, rawA], { kind: 'env' })
    const keyring = new Keyring(both, store)
    await keyring.existingDataKey('case:old')
    await keyring.dataKey('case:new')
    expect(store.rows.get('case:new')?.masterKeyId).toBe(masterKeyId(rawB))
    expect(await keyring.checkMasterKeys()).toEqual(new Map([[masterKeyId(rawA), 1], [masterKeyId(rawB), 1]]))
  })
})
