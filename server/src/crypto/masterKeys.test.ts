import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../log.js'
import { MasterKeyError } from './errors.js'
import { generateMasterKey, loadMasterKeys, masterKeyId, readKeyFile, writeKeyFile } from './masterKeys.js'

const dir = mkdtempSync(join(tmpdir(), 'fallbuch-keys-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const logger = createLogger({ logLevel: 'silent' })

function failure(action: () => unknown): Error {
  try {
    action()
  } catch (err) {
    return err as Error
  }
  throw new Error('expected an error')
}

describe('master keys', () => {
  it('generates DATA_DIR/master.key with mode 0600 once on the embedded default and reads the same key afterwards', () => {
    const dataDir = mkdtempSync(join(dir, 'data-'))
    const first = loadMasterKeys({ masterKey: undefined, masterKeyFile: undefined, dataDir, backend: 'sqlite', logger })
    expect(first.source).toEqual({ kind: 'file', path: join(dataDir, 'master.key'), generated: true })
    if (process.platform !== 'win32') {
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600)
    }
    const again = loadMasterKeys({ masterKey: undefined, masterKeyFile: undefined, dataDir, backend: 'sqlite', logger })
    expect(again.current.id).toBe(first.current.id)
    expect(again.source).toMatchObject({ generated: false })
  })

  it('never generates a key for PostgreSQL, where every process must share one', () => {
    const err = failure(() => loadMasterKeys({ masterKey: undefined, masterKeyFile: undefined, dataDir: dir, backend: 'postgres', logger }))
    expect(err).toBeInstanceOf(MasterKeyError)
    expect(err.message).toMatch(/MASTER_KEY/)
  })

  it('reads MASTER_KEY with several keys, current first, and refuses bad ones without repeating them', () => {
    const [a, b] = [generateMasterKey(), generateMasterKey()]
    const set = loadMasterKeys({ masterKey: `${a.toString('base64')}, ${b.toString('base64')}`, masterKeyFile: undefined, dataDir: dir, backend: 'postgres', logger })
    expect(set.current.id).toBe(masterKeyId(a))
    expect([...set.byId.keys()]).toEqual([masterKeyId(a), masterKeyId(b)])
    const short = Buffer.from('zu kurz und geheim').toString('base64')
    const err = failure(() => loadMasterKeys({ masterKey: short, masterKeyFile: undefined, dataDir: dir, backend: 'sqlite', logger }))
    expect(err).toBeInstanceOf(MasterKeyError)
    expect(err.message).not.toContain(short)
    expect(failure(() => loadMasterKeys({ masterKey: a.toString('base64'), masterKeyFile: join(dir, 'x'), dataDir: dir, backend: 'sqlite', logger }))).toBeInstanceOf(
      MasterKeyError,
    )
  })

  it('writes a key file atomically with mode 0600 and reads its keys back in order, ignoring comments', () => {
    const path = join(dir, 'rotating.key')
    const [a, b] = [generateMasterKey(), generateMasterKey()]
    writeKeyFile(path, [a, b])
    expect(readKeyFile(path)).toEqual([a, b])
    expect(readFileSync(path, 'utf8')).toMatch(/^#/)
    if (process.platform !== 'win32') {
      expect(statSync(path).mode & 0o777).toBe(0o600)
    }
    writeFileSync(join(dir, 'empty.key'), '# nothing\n')
    expect(failure(() => readKeyFile(join(dir, 'empty.key')))).toBeInstanceOf(MasterKeyError)
    expect(failure(() => readKeyFile(join(dir, 'missing.key'))).message).toMatch(/ENOENT/)
  })
})
