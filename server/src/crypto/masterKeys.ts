/**
 * Master keys: the keys that wrap the per-owner data keys. One is current
 * (it wraps new and rotated data keys); further ones are accepted for
 * unwrapping only, so a relay starts at every point of a rotation.
 *
 * Sources, in this order:
 * - MASTER_KEY: base64 of 32 bytes; several separated by commas, current first.
 * - MASTER_KEY_FILE: one base64 key per line, current first.
 * - neither, on the embedded default (SQLite) only: DATA_DIR/master.key,
 *   generated with mode 0600 at first start.
 *
 * A key's id is a short hash of it, stored with every data key it wraps.
 */
import { closeSync, constants, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs'
import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import type { Logger } from '../log.js'
import { MasterKeyError } from './errors.js'

/** Bytes of a master key (AES-256). */
export const MasterKeyBytes = 32

/** One master key and its id. */
export interface MasterKey {
  /** 16 hex digits of SHA-256 over a label and the key; safe to log and store. */
  id: string
  key: KeyObject
}

/** Where the master keys came from (rotation rewrites a key file, and cannot change an environment). */
export type MasterKeySource = { kind: 'env' } | { kind: 'file'; path: string; generated: boolean }

/** The configured master keys. */
export interface MasterKeySet {
  /** Wraps new data keys. */
  current: MasterKey
  /** Every configured key by id, the current one included. */
  byId: ReadonlyMap<string, MasterKey>
  source: MasterKeySource
}

/** The id of a raw master key. */
export function masterKeyId(raw: Uint8Array): string {
  return createHash('sha256').update('fallbuch master key id v1\0').update(raw).digest('hex').slice(0, 16)
}

/** A fresh random master key. */
export function generateMasterKey(): Buffer {
  return randomBytes(MasterKeyBytes)
}

/** Decodes base64 keys; `where` names the source in errors (never the value). */
export function parseMasterKeys(values: readonly string[], where: string): Buffer[] {
  if (values.length === 0) {
    throw new MasterKeyError(`${where} holds no key`)
  }
  return values.map((value, index) => {
    const trimmed = value.trim()
    const raw = Buffer.from(trimmed, 'base64')
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || raw.length !== MasterKeyBytes) {
      throw new MasterKeyError(`${where}: key ${index + 1} is not base64 of ${MasterKeyBytes} bytes (make one with: openssl rand -base64 32)`)
    }
    return raw
  })
}

/** The keys of a key file, current first (blank lines and # comments ignored). */
export function readKeyFile(path: string): Buffer[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new MasterKeyError(`cannot read the master key file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
  return parseMasterKeys(lines, `master key file ${path}`)
}

/**
 * Replaces a key file atomically: a temporary file (mode 0600) in the same
 * folder, synced, renamed over the old one, folder synced. A crash leaves
 * either the old or the new file, never a mix.
 */
export function writeKeyFile(path: string, keys: readonly Uint8Array[]): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const text =
    '# Fallbuch master keys, base64, current first. Keep this file out of database backups.\n' +
    keys.map((key) => Buffer.from(key).toString('base64')).join('\n') +
    '\n'
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
  syncFolder(dirname(path))
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY)
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Not every platform can fsync a folder; the rename itself is atomic.
  }
}

/** Builds the set from raw keys, the first current. */
export function masterKeySet(raws: readonly Uint8Array[], source: MasterKeySource): MasterKeySet {
  const first = raws[0]
  if (first === undefined) {
    throw new MasterKeyError('no master key configured')
  }
  const byId = new Map<string, MasterKey>()
  for (const raw of raws) {
    const id = masterKeyId(raw)
    if (!byId.has(id)) {
      byId.set(id, { id, key: createSecretKey(Buffer.from(raw)) })
    }
  }
  const current = byId.get(masterKeyId(first)) as MasterKey
  return { current, byId, source }
}

/** What {@link loadMasterKeys} reads. */
export interface MasterKeyOptions {
  /** MASTER_KEY: base64 keys separated by commas, current first. */
  masterKey: string | undefined
  /** MASTER_KEY_FILE: path of a key file. */
  masterKeyFile: string | undefined
  /** DATA_DIR, home of the generated default key file. */
  dataDir: string
  /** Only the embedded default may generate a key: several PostgreSQL processes must share one. */
  backend: 'sqlite' | 'postgres'
  logger: Logger
  /**
   * Set when DATA_DIR holds data sealed with a master key: a missing key
   * file is then an error naming this reason, never replaced by a new key
   * (which would open nothing and make the data look lost).
   */
  sealedDataExists?: string
}

/** The default key file of the embedded installation. */
export function defaultKeyFile(dataDir: string): string {
  return join(dataDir, 'master.key')
}

/** Reads the configured master keys (generating the embedded default when needed). */
export function loadMasterKeys(options: MasterKeyOptions): MasterKeySet {
  if (options.masterKey !== undefined && options.masterKeyFile !== undefined) {
    throw new MasterKeyError('set MASTER_KEY or MASTER_KEY_FILE, not both')
  }
  if (options.masterKey !== undefined) {
    return masterKeySet(parseMasterKeys(options.masterKey.split(','), 'MASTER_KEY'), { kind: 'env' })
  }
  if (options.masterKeyFile !== undefined) {
    warnIfReadableByOthers(options.masterKeyFile, options.logger)
    return masterKeySet(readKeyFile(options.masterKeyFile), { kind: 'file', path: options.masterKeyFile, generated: false })
  }
  if (options.backend === 'postgres') {
    throw new MasterKeyError(
      'PostgreSQL needs a master key shared by every relay process: set MASTER_KEY (base64 of 32 bytes, e.g. from `openssl rand -base64 32`) or MASTER_KEY_FILE',
    )
  }
  const path = defaultKeyFile(options.dataDir)
  let generated = false
  if (!existsSync(path) && options.sealedDataExists !== undefined) {
    throw new MasterKeyError(
      `${path} is missing, but ${options.sealedDataExists}. A new master key would open none of it. ` +
        'Restore master.key from where you keep it (it is never in database backups), or set MASTER_KEY / MASTER_KEY_FILE to the key of this installation.',
    )
  }
  if (!existsSync(path)) {
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
      try {
        writeSync(fd, `# Fallbuch master key, generated ${new Date().toISOString()}. Keep it out of database backups.\n${generateMasterKey().toString('base64')}\n`)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      syncFolder(dirname(path))
      generated = true
      options.logger.warn(
        { path },
        'generated the master key of encryption at rest; in production keep it elsewhere (MASTER_KEY or MASTER_KEY_FILE) and back it up apart from the database',
      )
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new MasterKeyError(`cannot create the master key file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`)
      }
    }
  }
  warnIfReadableByOthers(path, options.logger)
  return masterKeySet(readKeyFile(path), { kind: 'file', path, generated })
}

function warnIfReadableByOthers(path: string, logger: Logger): void {
  try {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      logger.warn({ path }, 'the master key file is readable by other users; chmod 600 it')
    }
  } catch {
    // readKeyFile reports a missing file.
  }
}
