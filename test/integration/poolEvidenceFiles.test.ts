/**
 * The files of pool evidence items (issue 20 point 2) against the real
 * relay, on SQLite and on PostgreSQL: the applicant uploads a PDF to her
 * own evidence store and links it to an item; another person's upload is
 * refused (checked by the server, not the client), as is one file for two
 * items; the coordination office and the Integrationsamt download the same
 * bytes, a colleague does not; replacing the file or removing the item
 * deletes the old file (its key destroyed); withdrawing the application
 * erases its files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Attachment } from '../../shared/src/api/attachments.js'
import type { ApiEvidenceItem, Application } from '../../shared/src/api/pool.js'
import { attachmentKeyOwner } from '../../server/src/crypto/keyOwners.js'
import { createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { databaseUrl, needsPostgres, testSchema } from '../helpers/scaleOut.js'
import { startRelay, type RelayOverrides, type TestRelay } from '../helpers/startRelay.js'

interface Backend {
  name: string
  skip: boolean
  overrides(): RelayOverrides
}

const backends: Backend[] = [
  { name: 'SQLite', skip: false, overrides: () => ({}) },
  { name: `PostgreSQL${needsPostgres}`, skip: databaseUrl === undefined, overrides: () => ({ databaseUrl, databaseSchema: testSchema() }) },
]

/** A small PDF-looking file that says whose it is. */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`)
}

const evidenceStore = (member: LoggedIn): string => `/api/pool-members/${member.user.id}/attachments`

async function upload(by: LoggedIn, path: string, category: string, name: string, body: Buffer): Promise<Attachment> {
  const response = await fetch(new URL(`${path}?${new URLSearchParams({ category })}`, by.client.baseUrl), {
    method: 'POST',
    headers: { cookie: by.client.cookie, 'content-type': 'application/octet-stream', 'x-attachment-name': encodeURIComponent(name) },
    body,
  } as RequestInit)
  expect(response.status).toBe(201)
  return ((await response.json()) as { attachment: Attachment }).attachment
}

async function download(by: LoggedIn, url: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(new URL(url, by.client.baseUrl), { headers: { cookie: by.client.cookie } })
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

async function addItem(member: LoggedIn, kind: string, description: string): Promise<ApiEvidenceItem> {
  const added = await member.client.request<{ application: Application }>('POST', '/api/pool/me/evidence', { kind, description })
  expect(added.status).toBe(201)
  const item = added.body.application.evidence.find((entry) => entry.description === description)
  expect(item?.file).toBeNull()
  return item as ApiEvidenceItem
}

const setFile = (member: LoggedIn, itemId: string, attachmentId: string | null) => member.client.request('POST', `/api/pool/me/evidence/${itemId}/file`, { attachmentId })

describe.each(backends)('files of pool evidence on $name', (backend) => {
  let relay: TestRelay
  let admin: LoggedIn
  let office: LoggedIn
  let amt: LoggedIn
  let applicant: LoggedIn
  let colleague: LoggedIn

  beforeAll(async () => {
    if (backend.skip) {
      return
    }
    relay = await startRelay(backend.overrides())
    admin = await setupAdmin(relay)
    office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    amt = await createStaff(admin, { name: 'Integrationsamt Hannover' })
    applicant = await createStaff(admin, { name: 'Miriam Roth' })
    colleague = await createStaff(admin, { name: 'Tobias Brandt' })
    await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })
    await admin.client.request('PATCH', `/api/users/${amt.user.id}`, { isIntegrationsamt: true })
  })

  afterAll(async () => {
    await relay?.stop()
  })

  it.skipIf(backend.skip)("links only the applicant's own file, and the office and the Integrationsamt download it", async () => {
    const certificate = await addItem(applicant, 'jobcoachingTraining', 'Zertifikat BAG UB 2024')
    const bytes = pdf('Zertifikat Jobcoaching Miriam Roth 168 UE')
    const own = await upload(applicant, evidenceStore(applicant), 'jobcoachingTraining', 'Zertifikat BAG UB.pdf', bytes)
    const foreign = await upload(colleague, evidenceStore(colleague), 'employmentReference', 'Arbeitszeugnis Brandt.pdf', pdf('Arbeitszeugnis Tobias Brandt'))

    // Another person's upload is refused, whether linked later or named when the item is added.
    const refused = await setFile(applicant, certificate.id, foreign.id)
    expect(refused.status).toBe(404)
    expect(refused.body.error.reason).toBe('attachmentNotFound')
    const refusedOnAdd = await applicant.client.request('POST', '/api/pool/me/evidence', { kind: 'other', description: 'fremd', attachmentId: foreign.id })
    expect(refusedOnAdd.status).toBe(404)
    expect((await applicant.client.request('GET', '/api/pool/me')).body.application.evidence.map((item: ApiEvidenceItem) => item.attachmentId)).toEqual([null])
    // The colleague cannot link to someone else's item either: his own evidence has no such item.
    expect((await setFile(colleague, certificate.id, foreign.id)).status).toBe(404)

    const linked = await setFile(applicant, certificate.id, own.id)
    expect(linked.status).toBe(200)
    const item = (linked.body.application as Application).evidence.find((entry) => entry.id === certificate.id)
    expect(item).toMatchObject({ attachmentId: own.id, file: { name: 'Zertifikat BAG UB.pdf', mediaType: 'application/pdf', sizeBytes: bytes.length } })
    // One file, one item: a second item gets a file of its own.
    const second = await addItem(applicant, 'qualificationCertificate', 'Bachelorzeugnis')
    const inUse = await setFile(applicant, second.id, own.id)
    expect(inUse.status).toBe(409)
    expect(inUse.body.error.reason).toBe('evidenceFileInUse')

    const applicationId = (linked.body.application as Application).id
    for (const reader of [office, amt]) {
      const seen = (await reader.client.request<{ application: Application }>('GET', `/api/pool/applications/${applicationId}`)).body.application
      const url = seen.evidence.find((entry) => entry.id === certificate.id)?.file?.contentUrl ?? ''
      const got = await download(reader, url)
      expect(got.status).toBe(200)
      expect(got.bytes.equals(bytes)).toBe(true)
    }
    expect((await download(colleague, item?.file?.contentUrl ?? '')).status).toBe(403)
  })

  it.skipIf(backend.skip)('deletes the old file when it is replaced or its item removed, and every file with the application', async () => {
    const evidence = (await applicant.client.request<{ application: Application }>('GET', '/api/pool/me')).body.application.evidence
    const certificate = evidence.find((entry) => entry.description === 'Zertifikat BAG UB 2024') as ApiEvidenceItem
    const bachelor = evidence.find((entry) => entry.description === 'Bachelorzeugnis') as ApiEvidenceItem
    const old = certificate.file?.contentUrl ?? ''

    const replacement = await upload(applicant, evidenceStore(applicant), 'jobcoachingTraining', 'Zertifikat neu.pdf', pdf('Zertifikat, zweite Fassung'))
    const replaced = await setFile(applicant, certificate.id, replacement.id)
    expect(replaced.status).toBe(200)
    expect((replaced.body.application as Application).evidence.find((entry) => entry.id === certificate.id)?.file?.name).toBe('Zertifikat neu.pdf')
    expect((await download(applicant, old)).status).toBe(404)
    expect(await relay.keyring.liveOwners([attachmentKeyOwner(certificate.attachmentId ?? '')])).toEqual([])

    const scan = await upload(applicant, evidenceStore(applicant), 'qualificationCertificate', 'Bachelor.pdf', pdf('Bachelorzeugnis Soziale Arbeit'))
    expect((await setFile(applicant, bachelor.id, scan.id)).status).toBe(200)
    expect((await applicant.client.request('DELETE', `/api/pool/me/evidence/${bachelor.id}`)).status).toBe(200)
    expect((await download(applicant, scan.contentUrl)).status).toBe(404)
    expect((await applicant.client.request('GET', evidenceStore(applicant))).body.attachments.map((file: Attachment) => file.id)).toEqual([replacement.id])

    // A confirmed item keeps the file the office checked.
    const applicationId = (replaced.body.application as Application).id
    expect((await office.client.request('POST', `/api/pool/applications/${applicationId}/evidence/${certificate.id}/confirm`, { confirmed: true })).status).toBe(200)
    expect((await setFile(applicant, certificate.id, null)).status).toBe(404)

    expect((await applicant.client.request('DELETE', '/api/pool/me')).status).toBe(204)
    expect((await applicant.client.request('GET', evidenceStore(applicant))).body.attachments).toEqual([])
    expect(await relay.keyring.liveOwners([attachmentKeyOwner(replacement.id)])).toEqual([])
  })
})
