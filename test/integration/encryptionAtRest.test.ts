/**
 * Issue 10, encryption at rest: a case's plan, phase notes, confidential
 * fields, title and consent purposes are sealed with the case's data key;
 * the database files and backups hold none of it in plain text; destroying
 * the key (crypto-shredding) makes a backup taken before unreadable; master
 * key rotation keeps every case readable and retires the old key. On both
 * backends.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createSecretKey } from 'node:crypto'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ConfidentialContentFragment } from '../../shared/src/caseDocument/confidential.js'
import type { ConsentGrant } from '../../shared/src/api/consents.js'
import { openCaseTitle, openRoomUpdate } from '../../server/src/crypto/atRest.js'
import { DataKeyUnavailable, DecryptionError } from '../../server/src/crypto/errors.js'
import { caseKeyOwner, keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { unwrapDataKey } from '../../server/src/crypto/Keyring.js'
import { generateMasterKey, masterKeyId, masterKeySet, readKeyFile, writeKeyFile } from '../../server/src/crypto/masterKeys.js'
import { createCase, inviteAndAccept, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { embeddedDataKey, embeddedMasterKeys, type DataKeyRow } from '../helpers/atRest.js'
import { embeddedEnv } from '../helpers/embeddedEnv.js'
import { databaseUrl, needsPostgres, queryPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { connectProvider, connectRaw, roundTrip } from './support/syncClients.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const scratch = mkdtempSync(join(tmpdir(), 'fallbuch-at-rest-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Plain text written into every place that is sealed; none may appear in a file. */
const canary = {
  title: 'Kanarie-Titel-7f3a Frischmarkt Kasse',
  plan: 'Kanarie-Plan-91bc Kassenabschluss allein',
  note: 'Kanarie-Notiz-4d2e Erstgespräch am Arbeitsplatz',
  field: 'Kanarie-Feld-5e6f Epilepsie, anfallsfrei',
  purpose: 'Kanarie-Zweck-c0de Arbeitsplatzanpassung',
}

interface PopulatedCase {
  caseId: string
  coach: LoggedIn
  rooms: { plan: string; notes: string; field: string }
}

/** A case with a canary in its title, plan, phase note, a confidential field and a consent purpose. */
async function populate(relay: TestRelay): Promise<PopulatedCase> {
  const coach = await setupAdmin(relay)
  const { id: caseId } = await createCase(coach, canary.title)
  const employer = await inviteAndAccept(coach, caseId, 'employer')
  const coachee = await inviteAndAccept(coach, caseId, 'coachee')
  const rooms = { plan: `cases/${caseId}/plan`, notes: `cases/${caseId}/notes`, field: `cases/${caseId}/confidential/diagnosis` }
  const plan = await connectProvider(relay.wsUrl, rooms.plan, coach.client.cookie)
  plan.doc.getXmlFragment('approach').insert(0, [new Y.XmlText(canary.plan)])
  const notes = await connectProvider(relay.wsUrl, rooms.notes, coach.client.cookie)
  notes.doc.getXmlFragment('phase:analysis').insert(0, [new Y.XmlText(canary.note)])
  const field = await connectProvider(relay.wsUrl, rooms.field, coach.client.cookie)
  field.doc.getXmlFragment(ConfidentialContentFragment).insert(0, [new Y.XmlText(canary.field)])
  for (const room of Object.values(rooms)) {
    // The provider's socket is not ours to probe; a fresh connection is served only committed state.
    await untilServed(relay, coach, room)
  }
  const granted = await coachee.client.request<{ grant: ConsentGrant }>('POST', `/api/cases/${caseId}/consents`, {
    field: 'diagnosis',
    memberId: employer.memberId,
    purpose: canary.purpose,
    evidence: 'inApp',
  })
  expect(granted.status).toBe(201)
  for (const provider of [plan, notes, field]) {
    provider.provider.destroy()
  }
  return { caseId, coach, rooms }
}

/** Waits until a fresh connection to `room` is served a state holding its canary (so it is committed). */
async function untilServed(relay: TestRelay, person: LoggedIn, room: string): Promise<void> {
  const wanted = room.endsWith('/plan') ? canary.plan : room.endsWith('/notes') ? canary.note : canary.field
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const raw = await connectRaw(relay.wsUrl, room, person.client.cookie)
    const served = Buffer.from(await roundTrip(raw))
    raw.socket.close()
    if (served.includes(Buffer.from(wanted))) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${room} was not served its text`)
}

/** Reads everything back through the app: title, consent purpose, plan, note and field text. */
async function readBack(relay: TestRelay, person: LoggedIn, made: PopulatedCase): Promise<Record<keyof typeof canary, boolean>> {
  const detail = await person.client.request<{ case: { title: string } }>('GET', `/api/cases/${made.caseId}`)
  const grants = await person.client.request<{ grants: ConsentGrant[] }>('GET', `/api/cases/${made.caseId}/consents`)
  const plan = await connectProvider(relay.wsUrl, made.rooms.plan, person.client.cookie)
  const notes = await connectProvider(relay.wsUrl, made.rooms.notes, person.client.cookie)
  const field = await connectProvider(relay.wsUrl, made.rooms.field, person.client.cookie)
  return {
    title: detail.body.case.title === canary.title,
    purpose: grants.body.grants.some((grant) => grant.purpose === canary.purpose),
    plan: plan.doc.getXmlFragment('approach').toString().includes(canary.plan),
    note: notes.doc.getXmlFragment('phase:analysis').toString().includes(canary.note),
    field: field.doc.getXmlFragment(ConfidentialContentFragment).toString().includes(canary.field),
  }
}

const allReadable = { title: true, purpose: true, plan: true, note: true, field: true }

/** The canaries found in the bytes of a file (UTF-8, as SQLite and Yjs store text). */
function canariesIn(file: string): string[] {
  const bytes = readFileSync(file)
  return Object.values(canary).filter((text) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text.split(' ')[0] ?? text, 'utf8')))
}

/** Every file of a folder with the canaries it holds. */
function canariesInFolder(dir: string): Record<string, string[]> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, canariesIn(join(dir, name))]))
}

function checkpoint(dataDir: string): void {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('wal_checkpoint(PASSIVE)')
  } finally {
    db.close()
  }
}

function runCommand(script: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function errorOf(action: () => unknown): unknown {
  try {
    action()
  } catch (err) {
    return err
  }
  throw new Error('expected an error')
}

describe('encryption at rest on the embedded default (SQLite)', () => {
  it('keeps no plain text of a case in any file of DATA_DIR (database, WAL, keystore), while the app reads it all', async () => {
    const relay = await startRelay()
    const made = await populate(relay)
    expect(await readBack(relay, made.coach, made)).toEqual(allReadable)
    const before = canariesInFolder(relay.dataDir)
    checkpoint(relay.dataDir)
    const after = canariesInFolder(relay.dataDir)
    expect(Object.keys(after)).toEqual(expect.arrayContaining(['fallbuch.sqlite', 'fallbuch.sqlite-wal', 'keys.sqlite', 'master.key']))
    for (const found of [before, after]) {
      expect(Object.entries(found).filter(([, texts]) => texts.length > 0)).toEqual([])
    }
  })

  it('makes a backup taken while the case existed undecryptable once the case key is destroyed, and the key is gone from the keystore files', async () => {
    const relay = await startRelay()
    const made = await populate(relay)
    const backupFolder = join(scratch, 'before-erasure')
    const backup = join(backupFolder, 'fallbuch.sqlite')
    const run = spawnSync(process.execPath, ['scripts/backup.mjs', backupFolder], { cwd: root, env: { ...process.env, DATABASE_URL: '', DATA_DIR: relay.dataDir }, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(canariesIn(backup)).toEqual([])

    const backupRows = (): Array<{ room: string; data: Buffer }> => {
      const db = new Database(backup, { readonly: true, fileMustExist: true })
      try {
        return db.prepare('SELECT room, data FROM (SELECT room, seq, data FROM room_updates UNION ALL SELECT room, seq, data FROM room_updates_tail) WHERE room LIKE ? ORDER BY room, seq').all(`cases/${made.caseId}/%`) as Array<{ room: string; data: Buffer }>
      } finally {
        db.close()
      }
    }
    const noteRows = backupRows().filter((row) => row.room === made.rooms.notes)
    // Before the erasure the backup opens with the installation's keys.
    const key = embeddedDataKey(relay.dataDir, caseKeyOwner(made.caseId))
    const noteDoc = new Y.Doc()
    for (const row of noteRows) {
      Y.applyUpdate(noteDoc, openRoomUpdate(key, row.room, row.data))
    }
    expect(noteDoc.getXmlFragment('phase:analysis').toString()).toContain(canary.note)
    const keystoreRow = (): DataKeyRow | undefined => {
      const db = new Database(join(relay.dataDir, 'keys.sqlite'), { readonly: true, fileMustExist: true })
      try {
        return db.prepare('SELECT * FROM data_keys WHERE owner = ?').get(caseKeyOwner(made.caseId)) as DataKeyRow | undefined
      } finally {
        db.close()
      }
    }
    const wrapped = keystoreRow()?.wrapped
    expect(wrapped).toBeInstanceOf(Buffer)

    // The erasure's crypto-shredding step (the lead's DELETE /api/cases/:id calls this).
    expect(await relay.keyring.destroyCaseKey(made.caseId)).toBe(true)

    expect(keystoreRow()).toMatchObject({ wrapped: null, master_key_id: null })
    const unwrapError = errorOf(() => embeddedDataKey(relay.dataDir, caseKeyOwner(made.caseId)))
    expect(unwrapError).toBeInstanceOf(DataKeyUnavailable)
    expect((unwrapError as DataKeyUnavailable).reason).toBe('destroyed')
    // No other key of the installation opens the backup's rows of the case either.
    const keysDb = new Database(join(relay.dataDir, 'keys.sqlite'), { readonly: true, fileMustExist: true })
    const liveRows = keysDb.prepare('SELECT * FROM data_keys WHERE wrapped IS NOT NULL').all() as DataKeyRow[]
    keysDb.close()
    const masterKeys = embeddedMasterKeys(relay.dataDir)
    for (const row of liveRows) {
      const other = unwrapDataKey(masterKeys, { owner: row.owner, masterKeyId: row.master_key_id, wrapped: row.wrapped, createdAt: row.created_at, destroyedAt: row.destroyed_at })
      const otherKey = createSecretKey(other)
      for (const sealed of backupRows()) {
        expect(errorOf(() => openRoomUpdate(otherKey, sealed.room, sealed.data))).toBeInstanceOf(DecryptionError)
      }
    }
    // The wrapped key's bytes are in no keystore file any more (secure_delete + truncating checkpoint).
    for (const name of readdirSync(relay.dataDir).filter((file) => file.startsWith('keys.sqlite'))) {
      expect(readFileSync(join(relay.dataDir, name)).includes(wrapped as Buffer)).toBe(false)
    }
    const titleDb = new Database(backup, { readonly: true, fileMustExist: true })
    const sealedTitle = (titleDb.prepare('SELECT title FROM cases WHERE id = ?').get(made.caseId) as { title: string }).title
    titleDb.close()
    expect(errorOf(() => openCaseTitle(embeddedDataKey(relay.dataDir, caseKeyOwner(made.caseId)), made.caseId, sealedTitle))).toBeInstanceOf(DataKeyUnavailable)

    // Restoring that backup brings the rows back, but not the case.
    await relay.stop()
    copyFileSync(backup, join(relay.dataDir, 'fallbuch.sqlite'))
    for (const suffix of ['-wal', '-shm']) {
      rmSync(join(relay.dataDir, `fallbuch.sqlite${suffix}`), { force: true })
    }
    const restored = await startRelay({ dataDir: relay.dataDir })
    const coach = await login(restored, made.coach.user.email, made.coach.password)
    expect((await coach.client.request<{ cases: unknown[] }>('GET', '/api/cases')).body.cases).toEqual([])
    expect((await coach.client.request('GET', `/api/cases/${made.caseId}`)).status).toBe(404)
  })

  it('rotates the master key: every case stays readable after a restart, the old key opens nothing, and an interrupted rotation finishes', async () => {
    const relay = await startRelay()
    const made = await populate(relay)
    await relay.stop()
    const keyFile = join(relay.dataDir, 'master.key')
    const oldKeyFile = join(scratch, 'old-master.key')
    copyFileSync(keyFile, oldKeyFile)
    const [oldKey] = readKeyFile(oldKeyFile)

    const rotation = runCommand('server/src/rotateMasterKey.ts', embeddedEnv({ DATA_DIR: relay.dataDir }))
    expect(rotation.stderr).toBe('')
    expect(rotation.status).toBe(0)
    expect(rotation.stdout).toMatch(/Rotated the master key: [1-9]\d* data key\(s\) re-wrapped/)
    const keys = readKeyFile(keyFile)
    expect(keys).toHaveLength(1)
    expect(masterKeyId(keys[0] as Buffer)).not.toBe(masterKeyId(oldKey as Buffer))
    expect(rotation.stdout).toContain(masterKeyId(keys[0] as Buffer))
    expect(rotation.stdout).not.toContain((keys[0] as Buffer).toString('base64'))

    const again = await startRelay({ dataDir: relay.dataDir })
    expect(await readBack(again, await login(again, made.coach.user.email, made.coach.password), made)).toEqual(allReadable)
    await again.stop()

    // The old master key opens no data key any more: not by id, not by force.
    const keysDb = new Database(join(relay.dataDir, 'keys.sqlite'), { readonly: true, fileMustExist: true })
    const rows = keysDb.prepare('SELECT * FROM data_keys').all() as DataKeyRow[]
    keysDb.close()
    const oldSet = masterKeySet([oldKey as Buffer], { kind: 'env' })
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const stored = { owner: row.owner, masterKeyId: row.master_key_id, wrapped: row.wrapped, createdAt: row.created_at, destroyedAt: row.destroyed_at }
      expect(errorOf(() => unwrapDataKey(oldSet, stored))).toBeInstanceOf(DataKeyUnavailable)
      expect(errorOf(() => unwrapDataKey(oldSet, { ...stored, masterKeyId: oldSet.current.id }))).toBeInstanceOf(DecryptionError)
    }
    await expect(startRelay({ dataDir: relay.dataDir, masterKeyFile: oldKeyFile })).rejects.toThrow(/not configured/)

    // A rotation interrupted after its first step (new key first, old one kept): the relay starts, the command finishes.
    const current = readKeyFile(keyFile)[0] as Buffer
    const next = generateMasterKey()
    writeKeyFile(keyFile, [next, current])
    const midway = await startRelay({ dataDir: relay.dataDir })
    expect(await readBack(midway, await login(midway, made.coach.user.email, made.coach.password), made)).toEqual(allReadable)
    await midway.stop()
    const finish = runCommand('server/src/rotateMasterKey.ts', embeddedEnv({ DATA_DIR: relay.dataDir }))
    expect(finish.status).toBe(0)
    expect(finish.stdout).toMatch(/Finished the rotation/)
    expect(readKeyFile(keyFile)).toEqual([next])
    const done = await startRelay({ dataDir: relay.dataDir })
    expect(await readBack(done, await login(done, made.coach.user.email, made.coach.password), made)).toEqual(allReadable)
  })
})

describe.skipIf(databaseUrl === undefined)(`encryption at rest on PostgreSQL${needsPostgres}`, () => {
  it('stores no plain text in any row, keeps the keys in their own schema, and rotates with MASTER_KEY=<new>,<old>', async () => {
    const schema = testSchema()
    const oldKey = generateMasterKey().toString('base64')
    const relay = await startRelay({ databaseUrl, databaseSchema: schema, masterKey: oldKey })
    const made = await populate(relay)
    expect(await readBack(relay, made.coach, made)).toEqual(allReadable)

    const rows = [
      ...(await queryPostgres<{ data: Buffer }>(schema, 'SELECT data FROM room_updates')).map((row) => row.data),
      ...(await queryPostgres<{ title: string }>(schema, 'SELECT title FROM cases')).map((row) => Buffer.from(row.title)),
      ...(await queryPostgres<{ purpose: string }>(schema, 'SELECT purpose FROM consent_grants')).map((row) => Buffer.from(row.purpose)),
    ]
    expect(rows.length).toBeGreaterThan(5)
    for (const text of Object.values(canary)) {
      expect(rows.filter((row) => row.includes(Buffer.from(text)))).toEqual([])
    }
    // Wrapped keys live in <schema>_keys, not in the schema a pg_dump of the data takes.
    expect(await queryPostgres(schema, `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'data_keys'`, [schema])).toEqual([])
    const keyRows = await queryPostgres<DataKeyRow>(schema, `SELECT * FROM ${schema}_keys.data_keys`)
    expect(keyRows.map((row) => row.owner)).toContain(caseKeyOwner(made.caseId))
    expect(keyOwnerOfRoom(made.rooms.field)).toBe(caseKeyOwner(made.caseId))
    await relay.stop()

    const newKey = generateMasterKey().toString('base64')
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }
    delete env.REDIS_URL
    const refused = runCommand('server/src/rotateMasterKey.ts', { ...env, MASTER_KEY: oldKey })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/MASTER_KEY=<new>,<old>/)
    expect(refused.stderr).not.toContain(oldKey)
    const rotation = runCommand('server/src/rotateMasterKey.ts', { ...env, MASTER_KEY: `${newKey},${oldKey}` })
    expect(rotation.stderr).toBe('')
    expect(rotation.status).toBe(0)
    expect(rotation.stdout).toMatch(/set MASTER_KEY to the new key alone/)

    const rotated = await startRelay({ databaseUrl, databaseSchema: schema, masterKey: newKey })
    expect(await readBack(rotated, await login(rotated, made.coach.user.email, made.coach.password), made)).toEqual(allReadable)
    await rotated.stop()
    await expect(startRelay({ databaseUrl, databaseSchema: schema, masterKey: oldKey })).rejects.toThrow(/not configured/)
  })
})
