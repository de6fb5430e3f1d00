import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, createCase, createStaff, login, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { createExternalAccount } from './support/syncClients.js'

describe('HTTP API', () => {
  let relay: TestRelay
  let miriam: LoggedIn

  beforeAll(async () => {
    relay = await startRelay()
  })

  it('reports that setup is needed, refuses a wrong token, then makes the first admin once', async () => {
    const anonymous = new ApiClient(relay.url)
    expect((await anonymous.request('GET', '/api/setup')).body).toMatchObject({ needsSetup: true })

    const wrong = await anonymous.request('POST', '/api/setup', {
      token: 'not-the-token',
      name: 'Miriam Roth',
      email: 'miriam.roth@example.org',
      password: 'miriam-passwort-1',
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.code).toBe('forbidden')

    miriam = await setupAdmin(relay)
    expect(miriam.user).toMatchObject({ name: 'Miriam Roth', kind: 'staff', isAdmin: true, active: true })
    // Setup logs the admin in.
    expect((await miriam.client.request('GET', '/api/me')).body.user.id).toBe(miriam.user.id)
    expect((await anonymous.request('GET', '/api/setup')).body).toEqual({ needsSetup: false, service: { country: 'DE', coacheeTerm: 'coachee', currency: 'EUR' } })

    const again = await anonymous.request('POST', '/api/setup', {
      token: relay.setupToken,
      name: 'Eve',
      email: 'eve@example.org',
      password: 'eve-passwort-12',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
  })

  it('logs in with a session cookie, answers /api/me, and logs out', async () => {
    const session = await login(relay, 'MIRIAM.ROTH@example.org', miriam.password)
    expect(session.client.cookie).toMatch(/^fb_session=/)
    expect((await session.client.request('GET', '/api/me')).status).toBe(200)

    const logout = await session.client.request('POST', '/api/auth/logout')
    expect(logout.status).toBe(204)
    expect(session.client.cookie).toBe('')
    const me = await session.client.request('GET', '/api/me')
    expect(me.status).toBe(401)
    expect(me.body.error.code).toBe('unauthenticated')
  })

  it('sets the cookie HttpOnly, SameSite=Lax, Path=/', async () => {
    const response = await fetch(`${relay.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'miriam.roth@example.org', password: miriam.password }),
    })
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('fb_session='))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/i)
  })

  it('gives one generic 401 for an unknown e-mail and for a wrong password', async () => {
    const anonymous = new ApiClient(relay.url)
    const unknown = await anonymous.request('POST', '/api/auth/login', { email: 'niemand@example.org', password: 'whatever-123' })
    const wrong = await anonymous.request('POST', '/api/auth/login', { email: 'miriam.roth@example.org', password: 'whatever-123' })
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
  })

  it('answers invalid JSON with 400 in the error shape', async () => {
    const response = await miriam.client.request('POST', '/api/cases', '{"title": ')
    expect(response.status).toBe(400)
    expect(response.body).toEqual({ error: { code: 'invalid_request', reason: 'notJson', message: 'Body is not valid JSON' } })
  })

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const response = await miriam.client.request('POST', '/api/cases', { title: 'x'.repeat(2 * 1024 * 1024) })
    expect(response.status).toBe(413)
    expect(response.body.error.code).toBe('payload_too_large')
  })

  it('names the offending field in a validation error', async () => {
    const response = await miriam.client.request('POST', '/api/users', {
      name: 'Tobias Brandt',
      email: 'not-an-address',
      password: 'tobias-passwort-1',
      kind: 'staff',
    })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('invalid_request')
    expect(response.body.error.message).toMatch(/^email: /)
  })

  it('answers an unknown API route with a JSON 404', async () => {
    const response = await miriam.client.request('GET', '/api/nothing-here')
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('not_found')
  })

  it('lets only admins create accounts, and refuses a duplicate e-mail', async () => {
    const tobias = await createStaff(miriam, { email: 'tobias.brandt@example.org' })
    const byCoach = await tobias.client.request('POST', '/api/users', {
      name: 'Petra Lange',
      email: 'petra.lange@example.org',
      password: 'petra-passwort-1',
      kind: 'staff',
    })
    expect(byCoach.status).toBe(403)
    expect(byCoach.body.error.code).toBe('forbidden')

    const duplicate = await miriam.client.request('POST', '/api/users', {
      name: 'Tobias Brandt',
      email: 'tobias.brandt@example.org',
      password: 'tobias-passwort-2',
      kind: 'staff',
    })
    expect(duplicate.status).toBe(409)

    const users = await tobias.client.request('GET', '/api/users')
    expect(users.body.users.map((user: { name: string }) => user.name)).toEqual(expect.arrayContaining(['Miriam Roth', 'Tobias Brandt']))
    expect(JSON.stringify(users.body)).not.toContain('password')
  })

  it('lists only the cases a user is a member of and hides foreign cases with 404', async () => {
    const tobias = await createStaff(miriam)
    const mine = await createCase(miriam)
    const his = await createCase(tobias, 'Lager Baumarkt')

    const miriamsCases = (await miriam.client.request('GET', '/api/cases')).body.cases
    expect(miriamsCases.map((c: { id: string }) => c.id)).toContain(mine.id)
    expect(miriamsCases.map((c: { id: string }) => c.id)).not.toContain(his.id)

    const foreign = await miriam.client.request('GET', `/api/cases/${his.id}`)
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe('not_found')

    const detail = (await miriam.client.request('GET', `/api/cases/${mine.id}`)).body.case
    expect(detail).toMatchObject({ title: 'Kassenbereich Supermarkt', type: 'retention', myRole: 'coach' })
    expect(detail.members).toHaveLength(1)
    expect(detail.rooms).toContainEqual({ name: `cases/${mine.id}/plan`, access: 'write' })
    expect(detail.rooms).toContainEqual({ name: `cases/${mine.id}/confidential/diagnosis`, access: 'write' })
  })

  it('adds and removes members, and refuses to remove the last coach', async () => {
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)

    const added = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    expect(added.status).toBe(201)
    expect(added.body.member).toMatchObject({ userId: tobias.user.id, name: 'Tobias Brandt', role: 'coach' })
    expect((await tobias.client.request('GET', '/api/cases')).body.cases.map((c: { id: string }) => c.id)).toContain(kase.id)

    const twice = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'coach' })
    expect(twice.status).toBe(409)
    const unknownUser = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: 'AAAAAAAAAAAAAAAAAAAAAA', role: 'coach' })
    expect(unknownUser.status).toBe(404)

    const removed = await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${added.body.member.id}`)
    expect(removed.status).toBe(204)
    expect((await tobias.client.request('GET', `/api/cases/${kase.id}`)).status).toBe(404)

    const miriamsMember = (await miriam.client.request('GET', `/api/cases/${kase.id}`)).body.case.members[0]
    const lastCoach = await miriam.client.request('DELETE', `/api/cases/${kase.id}/members/${miriamsMember.id}`)
    expect(lastCoach.status).toBe(409)
    expect(lastCoach.body.error.code).toBe('conflict')
  })

  it('makes only staff accounts coaches: an external account is refused with 403, but can be an employer', async () => {
    const kase = await createCase(miriam)
    const external = await createExternalAccount(relay.dataDir, 'Sabine Keller', 'sabine.keller@frischmarkt.example')

    const asCoach = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: external.id, role: 'coach' })
    expect(asCoach.status).toBe(403)
    expect(asCoach.body.error.code).toBe('forbidden')
    expect(asCoach.body.error.message).toMatch(/staff/i)
    const members = (await miriam.client.request('GET', `/api/cases/${kase.id}`)).body.case.members
    expect(members.map((m: { userId: string }) => m.userId)).not.toContain(external.id)

    const asEmployer = await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: external.id, role: 'employer' })
    expect(asEmployer.status).toBe(201)
    expect(asEmployer.body.member).toMatchObject({ userId: external.id, role: 'employer' })
  })

  it('updates a case title through PATCH (coaches only)', async () => {
    const tobias = await createStaff(miriam)
    const kase = await createCase(miriam)
    const patched = await miriam.client.request('PATCH', `/api/cases/${kase.id}`, { title: 'Kasse Frischmarkt Nord' })
    expect(patched.status).toBe(200)
    expect(patched.body.case.title).toBe('Kasse Frischmarkt Nord')
    await miriam.client.request('POST', `/api/cases/${kase.id}/members`, { userId: tobias.user.id, role: 'employer' })
    const byEmployer = await tobias.client.request('PATCH', `/api/cases/${kase.id}`, { title: 'Nope' })
    expect(byEmployer.status).toBe(403)
    const emptyPatch = await miriam.client.request('PATCH', `/api/cases/${kase.id}`, {})
    expect(emptyPatch.status).toBe(400)
  })

  it('serves health and metrics', async () => {
    expect(await (await fetch(`${relay.url}/healthz`)).json()).toEqual({ status: 'ok' })
    const metrics = await (await fetch(`${relay.url}/metrics`)).text()
    expect(metrics).toContain('fallbuch_open_connections')
    expect(metrics).toContain('fallbuch_committed_updates_total')
  })
})

describe('static client', () => {
  const madeDirs: string[] = []
  afterAll(async () => {
    await Promise.all(madeDirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('answers non-API GETs with 503 and a hint when the client is not built', async () => {
    const relay = await startRelay({ clientDir: join(tmpdir(), 'fallbuch-no-client-here') })
    const response = await fetch(`${relay.url}/cases/abc`)
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('npm run build')
    expect((await fetch(`${relay.url}/api/nothing`)).status).toBe(404)
  })

  it('serves files, falls back to index.html for client routes, and revalidates index.html and sw.js', async () => {
    const clientDir = await mkdtemp(join(tmpdir(), 'fallbuch-client-'))
    madeDirs.push(clientDir)
    await mkdir(join(clientDir, 'assets'))
    await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Fallbuch</title>')
    await writeFile(join(clientDir, 'sw.js'), '// service worker')
    await writeFile(join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)')
    const relay = await startRelay({ clientDir })

    const spaRoute = await fetch(`${relay.url}/cases/abc?x=1`)
    expect(spaRoute.status).toBe(200)
    expect(await spaRoute.text()).toContain('<title>Fallbuch</title>')
    expect(spaRoute.headers.get('cache-control')).toBe('no-cache')
    const root = await fetch(`${relay.url}/`)
    expect(root.headers.get('cache-control')).toBe('no-cache')
    expect((await fetch(`${relay.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(`${relay.url}/assets/app-abc123.js`)
    expect(await asset.text()).toBe('console.log(1)')
    const api = await fetch(`${relay.url}/api/nothing`)
    expect(api.status).toBe(404)
    expect((await api.json()).error.code).toBe('not_found')
  })
})
