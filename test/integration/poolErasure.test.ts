/**
 * Erasing a member's pool data with its owner (issue 20 point 2) against
 * the real relay, on SQLite and PostgreSQL: the member withdraws the
 * application, or an admin erases the pool data of a deactivated account.
 * The application with profile and keeping-qualified records, every
 * evidence file (rows and all chunks) and the keys go; another member's
 * data stays; the audit names ids only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Attachment } from '../../shared/src/api/attachments.js'
import { attachmentKeyOwner, poolKeyOwner } from '../../server/src/crypto/keyOwners.js'
import { createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { applyForGroupOne, poolBackends } from './support/poolFlow.js'

/** A PDF-looking file of about `kib` KiB (several 64 KiB chunks). */
function pdf(text: string, kib = 150): Buffer {
  return Buffer.concat([Buffer.from(`%PDF-1.4\n% ${text}\n`), Buffer.alloc(kib * 1024, 0x20), Buffer.from('\n%%EOF\n')])
}

async function upload(member: LoggedIn, body: Buffer): Promise<Attachment> {
  const response = await fetch(new URL(`/api/pool-members/${member.user.id}/attachments?category=jobcoachingTraining`, member.client.baseUrl), {
    method: 'POST',
    headers: { cookie: member.client.cookie, 'content-type': 'application/octet-stream', 'x-attachment-name': encodeURIComponent('Zertifikat.pdf') },
    body,
  } as RequestInit)
  expect(response.status).toBe(201)
  return ((await response.json()) as { attachment: Attachment }).attachment
}

describe.each(poolBackends())('erasing pool data with its owner on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let office: LoggedIn

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay(backend.overrides())
    admin = await setupAdmin(relay)
    office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    expect((await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })).status).toBe(200)
  })

  afterAll(async () => {
    await relay?.stop()
  })

  /** An applicant with a submitted application, a linked and an unlinked file, a training and a supervision. */
  async function memberWithData(name: string): Promise<{ member: LoggedIn; applicationId: string; files: Attachment[] }> {
    const member = await createStaff(admin, { name })
    const applicationId = await applyForGroupOne(member)
    const linked = await upload(member, pdf(`Zertifikat ${name}`))
    const loose = await upload(member, pdf(`Zeugnis ${name}`, 70))
    const item = (await member.client.request('GET', '/api/pool/me')).body.application.evidence[0]
    expect((await member.client.request('POST', `/api/pool/me/evidence/${item.id}/file`, { attachmentId: linked.id })).status).toBe(200)
    expect((await member.client.request('POST', '/api/pool/me/trainings', { on: '2026-03-01', title: 'Fachtag Autismus', hours: 6 })).status).toBe(201)
    expect((await member.client.request('POST', '/api/pool/me/supervisions', { on: '2026-02-01', note: 'Intervision' })).status).toBe(201)
    return { member, applicationId, files: [linked, loose] }
  }

  const chunksOf = async (ids: string[]): Promise<number> => {
    let n = 0
    for (const id of ids) {
      n += (await backend.query(relay, 'SELECT seq FROM attachment_chunks WHERE attachment_id = ?', id)).length
    }
    return n
  }
  const rowsOf = async (userId: string): Promise<{ applications: number; attachments: number }> => ({
    applications: (await backend.query(relay, 'SELECT id FROM pool_applications WHERE user_id = ?', userId)).length,
    attachments: (await backend.query(relay, 'SELECT id FROM attachments WHERE owner_user_id = ?', userId)).length,
  })

  it.skipIf(backend.skip)('erases everything of a member who withdraws, and nothing of another member', async () => {
    const leaving = await memberWithData('Sabine Keller')
    const staying = await memberWithData('Jonas Peters')
    const ids = leaving.files.map((file) => file.id)
    expect(await chunksOf(ids)).toBeGreaterThanOrEqual(5)
    const stayingChunks = await chunksOf(staying.files.map((file) => file.id))

    expect((await leaving.member.client.request('DELETE', '/api/pool/me')).status).toBe(204)

    expect(await chunksOf(ids)).toBe(0)
    expect(await rowsOf(leaving.member.user.id)).toEqual({ applications: 0, attachments: 0 })
    expect(await relay.keyring.liveOwners([poolKeyOwner(leaving.member.user.id), ...ids.map(attachmentKeyOwner)])).toEqual([])
    // The office's list no longer has it.
    const listed = (await office.client.request('GET', '/api/pool/applications')).body.applications.map((entry: { id: string }) => entry.id)
    expect(listed).not.toContain(leaving.applicationId)
    expect(listed).toContain(staying.applicationId)
    // The other member keeps every file, chunk and record.
    expect(await chunksOf(staying.files.map((file) => file.id))).toBe(stayingChunks)
    expect(await rowsOf(staying.member.user.id)).toEqual({ applications: 1, attachments: 2 })
    const theirs = (await staying.member.client.request('GET', '/api/pool/me')).body.application
    expect(theirs).toMatchObject({ id: staying.applicationId, trainings: [{ title: 'Fachtag Autismus' }], supervisions: [{ note: 'Intervision' }] })
    expect(theirs.evidence[0].file.name).toBe('Zertifikat.pdf')

    // Audited with ids only.
    const audit = await backend.query<{ actor_id: string; details: string }>(relay, "SELECT actor_id, details FROM audit_events WHERE type = 'poolDataErased'")
    expect(audit).toHaveLength(1)
    expect(audit[0]?.actor_id).toBe(leaving.member.user.id)
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ userId: leaving.member.user.id, applicationId: leaving.applicationId, by: 'member', files: 2 })
    expect(audit[0]?.details).not.toMatch(/Sabine|Keller|Zertifikat|Autismus|Hildesheim/)
  })

  it.skipIf(backend.skip)('lets an admin erase the pool data of a deactivated account only', async () => {
    const gone = await memberWithData('Ali Demir')
    const other = await memberWithData('Petra Lange')
    const path = `/api/users/${gone.member.user.id}/pool-data`
    expect((await office.client.request('DELETE', path)).status).toBe(403)
    expect((await other.member.client.request('DELETE', path)).status).toBe(403)
    const active = await admin.client.request('DELETE', path)
    expect(active.status).toBe(409)
    expect(active.body.error.reason).toBe('accountStillActive')
    expect(await rowsOf(gone.member.user.id)).toEqual({ applications: 1, attachments: 2 })

    expect((await admin.client.request('PATCH', `/api/users/${gone.member.user.id}`, { active: false })).status).toBe(200)
    expect((await admin.client.request('DELETE', path)).status).toBe(204)
    expect(await rowsOf(gone.member.user.id)).toEqual({ applications: 0, attachments: 0 })
    expect(await chunksOf(gone.files.map((file) => file.id))).toBe(0)
    expect(await relay.keyring.liveOwners([poolKeyOwner(gone.member.user.id)])).toEqual([])
    expect(await rowsOf(other.member.user.id)).toEqual({ applications: 1, attachments: 2 })
    const audit = await backend.query<{ actor_id: string; details: string }>(relay, "SELECT actor_id, details FROM audit_events WHERE type = 'poolDataErased' AND actor_id = ?", admin.user.id)
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ userId: gone.member.user.id, by: 'admin', files: 2 })
  })
})
