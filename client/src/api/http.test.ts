// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ApiError, NetworkError, parseErrorReply } from './errors.js'
import { request, resetStoredReplyWait, StoredReplyAfterMs } from './http.js'
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

describe('request with a stored reply, on a network that is down or hangs', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const reachable = vi.fn()
  let online = true
  beforeEach(async () => {
    localStorage.clear()
    resetStoredReplyWait()
    online = true
    vi.stubGlobal('fetch', fetchMock)
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online)
    window.addEventListener('fallbuch:reachable', reachable)
    // A reply stored earlier, as after a visit online.
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'a' }] }))
    await request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    fetchMock.mockClear()
  })
  afterEach(() => {
    window.removeEventListener('fallbuch:reachable', reachable)
    reachable.mockReset()
    fetchMock.mockReset()
    vi.useRealTimers()
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  /** A fetch that answers only when `answer` is called. */
  function hangingFetch(): { answer: (response: Response) => void } {
    let answer: (response: Response) => void = () => {}
    fetchMock.mockImplementationOnce(() => new Promise<Response>((resolve) => (answer = resolve)))
    return { answer: (response) => answer(response) }
  }

  /** Starts a GET of `path` as user1, who has a stored reply; `result` is what it resolved with (undefined until then). */
  function started(path = '/api/cases'): { result: unknown } {
    const call: { result: unknown } = { result: undefined }
    void request(path, { reply: Reply, cacheFor: 'user1' }).then((value) => (call.result = value))
    return call
  }

  it('serves it at once while the browser is offline; should the browser be wrong, the answer is stored and announced', async () => {
    vi.useFakeTimers()
    online = false
    const network = hangingFetch()
    let call = started()
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'a' }] }, fromCache: true })
    expect(reachable).not.toHaveBeenCalled()
    network.answer(jsonResponse(200, { cases: [{ id: 'a' }, { id: 'z' }] }))
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable).toHaveBeenCalledTimes(1)
    expect(readReply('user1', '/api/cases')).toEqual({ cases: [{ id: 'a' }, { id: 'z' }] })

    // The screens fetch again on that: the browser still says offline, but its word is no longer taken.
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { cases: [{ id: 'y' }] }))
    call = started()
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'y' }] }, fromCache: false })
  })

  it('still asks the network offline when nothing is stored', async () => {
    online = false
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(request('/api/cases', { reply: Reply, cacheFor: 'user2' })).rejects.toBeInstanceOf(NetworkError)
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('serves it once the server has not answered in time, stores the late answer and announces it', async () => {
    vi.useFakeTimers()
    const network = hangingFetch()
    let call = started()
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs - 1)
    expect(call.result).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(call.result).toEqual({ data: { cases: [{ id: 'a' }] }, fromCache: true })
    expect(reachable).not.toHaveBeenCalled()

    await vi.advanceTimersByTimeAsync(2_000)
    network.answer(jsonResponse(200, { cases: [{ id: 'a' }, { id: 'b' }] }))
    await vi.advanceTimersByTimeAsync(0)
    expect(readReply('user1', '/api/cases')).toEqual({ cases: [{ id: 'a' }, { id: 'b' }] })
    expect(reachable).toHaveBeenCalledTimes(1)

    // The next request waits twice as long as that answer took (5 s): the server's reply after 9 s counts.
    const next = hangingFetch()
    call = started()
    await vi.advanceTimersByTimeAsync(9_000)
    expect(call.result).toBeUndefined()
    next.answer(jsonResponse(200, { cases: [{ id: 'b' }] }))
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'b' }] }, fromCache: false })
  })

  it('while one request hangs, the next ones show their stored replies at once; an answer ends that', async () => {
    vi.useFakeTimers()
    localStorage.setItem('fallbuch:api:user1:/api/me', JSON.stringify({ cases: [{ id: 'me' }] }))
    const first = hangingFetch()
    started()
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs)
    hangingFetch()
    let call = started('/api/me')
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'me' }] }, fromCache: true })

    // The first answer comes (quickly after all): the wait is back, the next request gets the server's reply.
    first.answer(jsonResponse(200, { cases: [{ id: 'a' }] }))
    await vi.advanceTimersByTimeAsync(0)
    const third = hangingFetch()
    call = started('/api/me')
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs - 1)
    expect(call.result).toBeUndefined()
    third.answer(jsonResponse(200, { cases: [{ id: 'fresh' }] }))
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'fresh' }] }, fromCache: false })
  })

  it('announces a late HTTP error (the session may have ended), not a late network error', async () => {
    vi.useFakeTimers()
    const first = hangingFetch()
    started()
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs)
    first.answer(jsonResponse(401, { error: { code: 'unauthenticated', message: 'no session' } }))
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable).toHaveBeenCalledTimes(1)

    let fail: (error: Error) => void = () => {}
    fetchMock.mockImplementationOnce(() => new Promise<Response>((_resolve, reject) => (fail = reject)))
    resetStoredReplyWait()
    started()
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs)
    fail(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(0)
    expect(reachable).toHaveBeenCalledTimes(1)
  })

  it('an HTTP error in time is not hidden by the stored reply', async () => {
    vi.useFakeTimers()
    const network = hangingFetch()
    const pending = request('/api/cases', { reply: Reply, cacheFor: 'user1' })
    const settled = expect(pending).rejects.toMatchObject({ status: 401 })
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs - 500)
    network.answer(jsonResponse(401, { error: { code: 'unauthenticated', message: 'no session' } }))
    await vi.advanceTimersByTimeAsync(1_000)
    await settled
  })

  it('keeps waiting for the server when the stored reply no longer fits the schema', async () => {
    vi.useFakeTimers()
    localStorage.setItem('fallbuch:api:user1:/api/cases', JSON.stringify({ cases: 'old shape' }))
    const network = hangingFetch()
    const call = started()
    await vi.advanceTimersByTimeAsync(StoredReplyAfterMs * 3)
    expect(call.result).toBeUndefined()
    network.answer(jsonResponse(200, { cases: [{ id: 'c' }] }))
    await vi.advanceTimersByTimeAsync(0)
    expect(call.result).toEqual({ data: { cases: [{ id: 'c' }] }, fromCache: false })
  })
})
