// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ApiError, NetworkError, parseErrorReply } from './errors.js'
import { request } from './http.js'
import { clearUserReplies, readReply } from './offlineCache.js'

const Reply = z.object({ cases: z.array(z.object({ id: z.string() })) })

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

describe('parseErrorReply', () => {
  it('reads the contract error body', () => {
    const error = parseErrorReply(403, JSON.stringify({ error: { code: 'forbidden', message: 'not a coach' } }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(403)
    expect(error.code).toBe('forbidden')
    expect(error.message).toBe('not a coach')
  })
  it('survives a body that is not the contract shape', () => {
    const error = parseErrorReply(502, '<html>Bad Gateway</html>')
    expect(error.code).toBe('unknown')
    expect(error.message).toContain('Bad Gateway')
    expect(parseErrorReply(500, '').message).toBe('HTTP 500')
  })
})

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>()
  beforeEach(() => {
    localStorage.clear()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    fetchMock.mockReset()
    vi.unstubAllGlobals()
  })

  it('validates replies and caches them for the user', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'a' }] }))
    const result = await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    expect(result).toEqual({ data: { cases: [{ id: 'a' }] }, fromCache: false })
    expect(readReply('user1', '/api/cases')).toEqual({ cases: [{ id: 'a' }] })
  })

  it('falls back to the cached reply on a network error', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'a' }] }))
    await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const result = await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    expect(result).toEqual({ data: { cases: [{ id: 'a' }] }, fromCache: true })
  })

  it('does not fall back on an HTTP error such as 401', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'a' }] }))
    await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthenticated', message: 'no session' } }))
    await expect(request('/api/cases', { reply: Reply, cacheFor: 'user1' })).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
  })

  it("never serves another user's cache, nor a cache cleared at logout", async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'a' }] }))
    await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(request('/api/cases', { reply: Reply, cacheFor: 'user2' })).rejects.toBeInstanceOf(NetworkError)
    clearUserReplies('user1')
    await expect(request('/api/cases', { reply: Reply, cacheFor: 'user1' })).rejects.toBeInstanceOf(NetworkError)
  })

  it('rejects a reply that does not fit the schema', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: 'nope' }))
    await expect(request('/api/cases', { reply: Reply })).rejects.toMatchObject({ name: 'InvalidReplyError' })
  })

  it('sends JSON bodies', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await request('/api/auth/logout', { method: 'POST', body: {} })
    const [, init] = fetchMock.mock.calls[0]!
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{}')
  })
})
