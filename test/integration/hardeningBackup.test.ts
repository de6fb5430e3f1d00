/**
 * Issue 9, backup: `npm run backup -- <folder>` copies the embedded database
 * while the relay runs; restoring it (stop, copy into DATA_DIR as
 * fallbuch.sqlite, remove -wal/-shm, start) brings the backed-up state back.
 */
import Database from 'better-sqlite3'
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createCase, login, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { connectRaw, freeText, freeTextOf, roundTrip, syncFrame, SyncMessageType, type RawClient } from './support/syncClients.js'

const run = promisify(execFile)
const backupDir = mkdtempSync(join(tmpdir(), 'fallbuch-backup-'))
afterAll(() => rmSync(backupDir, { recursive: true, force: true }))

async function servedText(client: RawClient): Promise<string> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await roundTrip(client))
  return freeTextOf(doc)
}

describe('backup and restore', () => {
  it('backs up the running relay consistently; a restore brings that state back and opens', async () => {
    const relay = await startRelay()
    const admin = await setupAdmin(relay)
    const kase = await createCase(admin)
    const room = `cases/${kase.id}/notes`
    const writer = await connectRaw(relay.wsUrl, room, admin.client.cookie)
    const doc = new Y.Doc()
    doc.on('update', (update: Uint8Array) => writer.send(syncFrame(SyncMessageType.Update, update)))
    freeText(doc).insert(0, 'vor dem Backup')
    await roundTrip(writer)

    const folder = join(backupDir, 'backup-1')
    const file = join(folder, 'fallbuch.sqlite')
    const { stdout } = await run('npm', ['run', '--silent', 'backup', '--', folder], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: relay.dataDir } })
    expect(stdout).toContain('written to')
    const copy = new Database(file, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()

    freeText(doc).insert(0, 'nach dem Backup, ')
    await roundTrip(writer)
    expect(await servedText(writer)).toBe('nach dem Backup, vor dem Backup')
    writer.socket.close()

    // Restore as the README says.
    await relay.stop()
    copyFileSync(file, join(relay.dataDir, 'fallbuch.sqlite'))
    for (const suffix of ['-wal', '-shm']) {
      rmSync(join(relay.dataDir, `fallbuch.sqlite${suffix}`), { force: true })
    }
    expect(existsSync(join(relay.dataDir, 'fallbuch.sqlite-wal'))).toBe(false)
    const restored = await startRelay({ dataDir: relay.dataDir })
    const again = await login(restored, 'miriam.roth@example.org', admin.password)
    expect((await again.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(200)
    const reader = await connectRaw(restored.wsUrl, room, again.client.cookie)
    expect(await servedText(reader)).toBe('vor dem Backup')
  })

  it('refuses to overwrite an existing file and explains its usage', async () => {
    await expect(run('node', ['scripts/backup.mjs'])).rejects.toMatchObject({ stderr: expect.stringContaining('usage') })
    const relay = await startRelay()
    const folder = join(backupDir, 'exists')
    mkdirSync(folder)
    copyFileSync(join(relay.dataDir, 'fallbuch.sqlite'), join(folder, 'fallbuch.sqlite'))
    await expect(run('node', ['scripts/backup.mjs', folder], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: relay.dataDir } })).rejects.toMatchObject({
      stderr: expect.stringContaining('exists'),
    })
  })
})
