/**
 * Keys and backups that cannot silently mismatch (issue 23 point 3), a key
 * rotation that cannot race a relay (point 4), and no split brain (point 5).
 * Each fault is made the way an operator would make it, and the test says
 * what the operator sees.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { rotateMasterKey } from '../../server/src/commands/rotateMasterKey.js'
import { loadConfig } from '../../server/src/config/loadConfig.js'
import { createLogger } from '../../server/src/log.js'
import { UnreadableCaseTitle } from '../../server/src/storage/AtRest.js'
import { loadMasterKeys } from '../../server/src/crypto/masterKeys.js'
import { migrateSqliteToPostgres } from '../../server/src/storage/migrateSqliteToPostgres.js'
import { createCase, login, setupAdmin } from '../helpers/apiClient.js'
import { testMasterKey } from '../helpers/atRest.js'
import { databaseUrl, needsPostgres, testRedisPrefix, testSchema } from '../helpers/scaleOut.js'
import { startRelay } from '../helpers/startRelay.js'

const run = promisify(execFile)
const silent = createLogger({ logLevel: 'silent' })
const scratch = mkdtempSync(join(tmpdir(), 'fallbuch-ops-keys-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function replaceKeystore(dataDir: string, from: string): void {
  for (const suffix of ['-wal', '-shm']) {
    rmSync(join(dataDir, `keys.sqlite${suffix}`), { force: true })
  }
  copyFileSync(from, join(dataDir, 'keys.sqlite'))
}

describe('keys and backups cannot silently mismatch', () => {
  it('never generates a master key for a DATA_DIR that holds sealed data: the start fails and says to restore master.key', async () => {
    const relay = await startRelay()
    await createCase(await setupAdmin(relay))
    await relay.stop()
    rmSync(join(relay.dataDir, 'master.key'))
    await expect(startRelay({ dataDir: relay.dataDir })).rejects.toThrow(/master\.key is missing, but .* holds accounts and data sealed with it.*Restore master\.key/)
    expect(existsSync(join(relay.dataDir, 'master.key'))).toBe(false)
  })

  it('refuses to start with an older keystore, naming the cases and the fix; accepted as lost, that case fails alone and the list answers', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const kept = await createCase(admin, 'Vorher')
    await relay.stop()
    const olderKeystore = join(scratch, 'older-keys.sqlite')
    copyFileSync(join(relay.dataDir, 'keys.sqlite'), olderKeystore)
    const again = await relay.restart()
    const lost = await createCase(await login(again, 'miriam.roth@example.org', admin.password), 'Nachher')
    await again.stop()

    replaceKeystore(relay.dataDir, olderKeystore)
    const refusal = startRelay({ dataDir: relay.dataDir })
    await expect(refusal).rejects.toThrow(new RegExp(`no data key for cases ${lost.id};.*different points in time.*npm run backup.*ACCEPT_MISSING_DATA_KEYS`))
    await expect(refusal).rejects.not.toThrow(kept.id)

    const accepted = await startRelay({ dataDir: relay.dataDir, acceptMissingDataKeys: [lost.id] })
    const coach = await login(accepted, 'miriam.roth@example.org', admin.password)
    const list = await coach.client.request<{ cases: Array<{ id: string; title: string }> }>('GET', '/api/cases')
    expect(list.status).toBe(200)
    expect(Object.fromEntries(list.body.cases.map((c) => [c.id, c.title]))).toEqual({ [kept.id]: 'Vorher', [lost.id]: UnreadableCaseTitle })
    expect((await coach.client.request('GET', `/api/cases/${kept.id}`)).status).toBe(200)
  })

  it('`npm run backup` takes database and keystore together (keystore last) and names the master key a restore needs; restoring both starts', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const before = await createCase(admin, 'Im Backup')
    const folder = join(scratch, 'backup-both')
    const { stdout } = await run('node', ['scripts/backup.mjs', folder], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: relay.dataDir } })
    expect(stdout).toContain('database, then keystore')
    expect(readdirSync(folder).sort()).toEqual(['RESTORE.txt', 'fallbuch.sqlite', 'keys.sqlite'])
    const keyId = /id [0-9a-f]{16}/.exec(readFileSync(join(folder, 'RESTORE.txt'), 'utf8'))
    expect(keyId).not.toBeNull()
    await createCase(admin, 'Nach dem Backup')
    await relay.stop()

    for (const name of ['fallbuch.sqlite', 'keys.sqlite']) {
      for (const suffix of ['-wal', '-shm']) {
        rmSync(join(relay.dataDir, `${name}${suffix}`), { force: true })
      }
      copyFileSync(join(folder, name), join(relay.dataDir, name))
    }
    const restored = await startRelay({ dataDir: relay.dataDir })
    const coach = await login(restored, 'miriam.roth@example.org', admin.password)
    const list = await coach.client.request<{ cases: Array<{ id: string; title: string }> }>('GET', '/api/cases')
    expect(list.body.cases.map((c) => c.title)).toEqual(['Im Backup'])
    expect(list.body.cases[0]?.id).toBe(before.id)
  })
})

describe('one process per embedded installation, and rotation only while no relay runs', () => {
  it('refuses a second relay on the same DATA_DIR', async () => {
    const relay = await startRelay()
    await expect(startRelay({ dataDir: relay.dataDir })).rejects.toThrow(/another process uses .* Two relays never share an embedded DATA_DIR/)
    // The first one still serves.
    expect((await fetch(`${relay.url}/readyz`)).status).toBe(200)
  })

  it('refuses `rotate-master-key` while a relay runs (the key file untouched); afterwards it rotates and keeps the old key in a dated file', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const kase = await createCase(admin, 'Rotation')
    const keyFile = join(relay.dataDir, 'master.key')
    const keyBefore = readFileSync(keyFile, 'utf8')
    const config = loadConfig({ DATA_DIR: relay.dataDir })
    await expect(rotateMasterKey(config, silent)).rejects.toThrow(/another process uses .*Stop it first/)
    expect(readFileSync(keyFile, 'utf8')).toBe(keyBefore)

    await relay.stop()
    const result = await rotateMasterKey(config, silent)
    expect(result.rewrapped).toBeGreaterThan(0)
    expect(result.retiredKeyFile).toMatch(/master\.key\.retired-\d{4}-\d{2}-\d{2}$/)
    const oldKey = keyBefore.split('\n').find((line) => line !== '' && !line.startsWith('#'))
    expect(readFileSync(result.retiredKeyFile ?? '', 'utf8')).toContain(oldKey)
    expect(readFileSync(keyFile, 'utf8')).not.toContain(oldKey)
    const restarted = await startRelay({ dataDir: relay.dataDir })
    const coach = await login(restarted, 'miriam.roth@example.org', admin.password)
    expect((await coach.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(200)
  })
})

describe.skipIf(databaseUrl === undefined)(`no split brain on PostgreSQL${needsPostgres}`, () => {
  it('refuses a second relay without REDIS_URL, and any relay beside one without it', async () => {
    const schema = testSchema()
    const base = { databaseUrl, databaseSchema: schema, masterKey: testMasterKey }
    const alone = await startRelay(base)
    await expect(startRelay(base)).rejects.toThrow(/another relay process uses the PostgreSQL schema .* Set REDIS_URL on every process/)
    await expect(startRelay({ ...base, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisPrefix: testRedisPrefix() })).rejects.toThrow(
      /uses the PostgreSQL schema .* alone \(a relay started without REDIS_URL/,
    )
    await alone.stop()
    if (process.env.REDIS_URL !== undefined) {
      const withRedis = await startRelay({ ...base, redisUrl: process.env.REDIS_URL, redisPrefix: testRedisPrefix() })
      await expect(startRelay(base)).rejects.toThrow(/another relay process uses the PostgreSQL schema/)
      await expect(rotateMasterKey(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, MASTER_KEY: `${testMasterKey},${testMasterKey}` }), silent)).rejects.toThrow(
        /another relay process uses the PostgreSQL schema/,
      )
      await withRedis.stop()
    }
  })

  it('after a migration the SQLite copy refuses to start and to be backed up; `npm run backup` with DATABASE_URL dumps PostgreSQL (database, then keystore)', async () => {
    const embedded = await startRelay()
    await createCase(await setupAdmin(embedded), 'Umzug')
    await embedded.stop()
    const schema = testSchema()
    const masterKeys = loadMasterKeys({ masterKey: undefined, masterKeyFile: join(embedded.dataDir, 'master.key'), dataDir: embedded.dataDir, backend: 'sqlite', logger: silent })
    await migrateSqliteToPostgres({ dataDir: embedded.dataDir, databaseUrl: databaseUrl ?? '', schema, logger: silent, masterKeys })

    await expect(startRelay({ dataDir: embedded.dataDir })).rejects.toThrow(/was copied to PostgreSQL \(.*schema fb_test_\w+\) at .*start the relay with DATABASE_URL/)
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: embedded.dataDir }
    await expect(run('node', ['scripts/backup.mjs', join(scratch, 'stale')], { env })).rejects.toMatchObject({ stderr: expect.stringMatching(/copied to PostgreSQL .* it is stale/) })

    const folder = join(scratch, 'pg-backup')
    const { stdout } = await run('node', ['scripts/backup.mjs', folder], { env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } })
    expect(stdout).toContain('database, then keystore')
    expect(readdirSync(folder).sort()).toEqual(['RESTORE.txt', 'database.pgdump', 'keys.pgdump'])
    expect(readFileSync(join(folder, 'RESTORE.txt'), 'utf8')).toContain(masterKeys.current.id)
  })
})
