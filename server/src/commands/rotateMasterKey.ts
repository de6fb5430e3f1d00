/**
 * Master key rotation: re-wraps every data key with a new master key in one
 * keystore transaction. Data keys and the sealed rows stay as they are.
 *
 * Crash-safe at every step, because a relay accepts every configured key by
 * id (the current one first):
 * 1. key file: the new key is put first in the file, the old one kept after
 *    it (one atomic file replacement); MASTER_KEY: the operator does this
 *    by setting `MASTER_KEY=<new>,<old>` before running the command;
 * 2. one transaction re-wraps every data key not wrapped by the new key;
 * 3. key file: the old key is dropped (atomic replacement); MASTER_KEY: the
 *    command tells the operator to set `MASTER_KEY=<new>`.
 * Interrupted anywhere, the relay starts with the file (or MASTER_KEY) as it
 * is, and running the command again finishes the rotation.
 */
import type { Config } from '../config/loadConfig.js'
import type { Logger } from '../log.js'
import type { InstanceLock } from '../storage/InstanceLockedError.js'
import { writeFileSync } from 'node:fs'
import { acquireInstanceLock, openStorage } from '../storage/openStorage.js'
import { MasterKeyError } from '../crypto/errors.js'
import { unwrapDataKey, wrapDataKey } from '../crypto/Keyring.js'
import { defaultKeyFile, generateMasterKey, loadMasterKeys, masterKeyId, readKeyFile, writeKeyFile } from '../crypto/masterKeys.js'

/** What {@link rotateMasterKey} did. */
export interface RotationResult {
  /** Id of the master key that now wraps every data key. */
  currentId: string
  /** Ids of the keys it replaced (no data key is wrapped by them any more). */
  retiredIds: string[]
  /** Data keys re-wrapped by this run. */
  rewrapped: number
  /** The key file now holding only the new key, or null for MASTER_KEY (the operator edits it). */
  keyFile: string | null
  /** True when this run finished a rotation an earlier run (or the operator) had started. */
  resumed: boolean
  /** Where the dropped key(s) were written before the key file lost them (keep it as long as older keystore backups). */
  retiredKeyFile: string | null
}

/** Writes the keys a rotation drops to `<key file>.retired-<date>` (mode 0600, never overwriting), before they leave the key file. */
function writeRetiredKeys(keyFile: string, keys: readonly Uint8Array[]): string {
  const day = new Date().toISOString().slice(0, 10)
  for (let n = 1; ; n += 1) {
    const path = `${keyFile}.retired-${day}${n === 1 ? '' : `-${n}`}`
    const text =
      `# Fallbuch master key(s) retired by a rotation on ${new Date().toISOString()}.\n` +
      '# Keystore backups made before that day need them: keep this file as long as you keep those backups, apart from them.\n' +
      `${keys.map((key) => Buffer.from(key).toString('base64')).join('\n')}\n`
    try {
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' })
      return path
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err
      }
    }
  }
}

/** Rotates the master key of the configured installation; stop every relay process first. */
export async function rotateMasterKey(config: Config, logger: Logger): Promise<RotationResult> {
  const backend = config.databaseUrl !== undefined ? 'postgres' : 'sqlite'
  // Alone, before the key file changes: a relay creating a case meanwhile
  // would wrap its key with a master key this run is about to drop.
  const lock = await acquireInstanceLock(config, logger, 'exclusive', 'master key rotation')
  try {
    return await rotateLocked(config, logger, backend, lock)
  } finally {
    await lock.release()
  }
}

async function rotateLocked(config: Config, logger: Logger, backend: 'sqlite' | 'postgres', lock: InstanceLock): Promise<RotationResult> {
  let keyFile: string | null = null
  let resumed = false
  if (config.masterKey !== undefined) {
    if (config.masterKeyFile !== undefined) {
      throw new MasterKeyError('set MASTER_KEY or MASTER_KEY_FILE, not both')
    }
    if (config.masterKey.split(',').filter((key) => key.trim() !== '').length < 2) {
      throw new MasterKeyError(
        'MASTER_KEY holds one key. Put the new key first and keep the old one after it: MASTER_KEY=<new>,<old> ' +
          '(make the new one with: openssl rand -base64 32), then run this command again.',
      )
    }
    resumed = true
  } else {
    keyFile = config.masterKeyFile ?? (backend === 'sqlite' ? defaultKeyFile(config.dataDir) : null)
    if (keyFile === null) {
      throw new MasterKeyError('PostgreSQL: set MASTER_KEY or MASTER_KEY_FILE to the key of this installation')
    }
    const keys = readKeyFile(keyFile)
    if (keys.length === 1) {
      // Step 1: the new key first, the old one still accepted.
      writeKeyFile(keyFile, [generateMasterKey(), ...keys])
    } else {
      resumed = true
    }
  }

  const masterKeys = loadMasterKeys({
    masterKey: config.masterKey,
    masterKeyFile: keyFile ?? undefined,
    dataDir: config.dataDir,
    backend,
    logger,
  })
  const current = masterKeys.current
  const { storage } = await openStorage({ ...config, masterKeyFile: keyFile ?? undefined }, logger, { heldLock: lock, skipDataKeyCheck: true })
  let rewrapped: number
  try {
    // Step 2: one transaction.
    rewrapped = await storage.keyring.keyStore.rewrapAll((row) =>
      row.masterKeyId === current.id ? null : { masterKeyId: current.id, wrapped: wrapDataKey(current, row.owner, unwrapDataKey(masterKeys, row)) },
    )
    const left = [...(await storage.keyring.keyStore.countByMasterKey()).keys()].filter((id) => id !== current.id)
    if (left.length > 0) {
      throw new MasterKeyError(`data keys wrapped by ${left.join(', ')} appeared during the rotation: stop every relay process and run the command again`)
    }
  } finally {
    await storage.close()
  }
  const retiredIds = [...masterKeys.byId.keys()].filter((id) => id !== current.id)
  let retiredKeyFile: string | null = null
  if (keyFile !== null) {
    // Step 3: only the new key remains, after the old one is safe in a dated file.
    const [newest, ...older] = readKeyFile(keyFile)
    if (newest === undefined || masterKeyId(newest) !== current.id) {
      throw new MasterKeyError(`${keyFile} changed during the rotation; run the command again`)
    }
    if (older.length > 0) {
      retiredKeyFile = writeRetiredKeys(keyFile, older)
    }
    writeKeyFile(keyFile, [newest])
  }
  return { currentId: current.id, retiredIds, rewrapped, keyFile, resumed, retiredKeyFile }
}
