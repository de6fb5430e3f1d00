/**
 * The one fetch wrapper: JSON in and out, replies validated with the shared
 * zod schemas, errors as {@link ApiError} / {@link NetworkError}. GETs made
 * with `cacheFor` fall back to the last stored reply on a network error
 * (never on an HTTP error such as 401).
 */
import type { z } from 'zod'
import { ApiError, InvalidReplyError, NetworkError, parseErrorReply } from './errors.js'
import { readReply, storeReply } from './offlineCache.js'

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
  /** Schema of the success reply; omit for 204 replies. */
  reply?: z.ZodType<T>
  /** Cache the reply for this user and serve it when offline (GET only). */
  cacheFor?: string
}

/** A reply, and whether it came from the offline cache. */
export interface ApiResult<T> {
  data: T
  fromCache: boolean
}

/** Makes a request; throws ApiError, NetworkError or InvalidReplyError. */
export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<ApiResult<T>> {
  const { method = 'GET', body, reply, cacheFor } = options
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    if (method === 'GET' && cacheFor !== undefined && reply) {
      const cached = reply.safeParse(readReply(cacheFor, path))
      if (cached.success) {
        return { data: cached.data, fromCache: true }
      }
    }
    throw new NetworkError(err instanceof Error ? err.message : 'network error')
  }
  const text = await response.text()
  if (!response.ok) {
    throw parseErrorReply(response.status, text)
  }
  if (!reply) {
    return { data: undefined as T, fromCache: false }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new InvalidReplyError(`${path}: reply is not JSON`)
  }
  const parsed = reply.safeParse(json)
  if (!parsed.success) {
    throw new InvalidReplyError(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
  }
  if (method === 'GET' && cacheFor !== undefined) {
    storeReply(cacheFor, path, parsed.data)
  }
  return { data: parsed.data, fromCache: false }
}

export { ApiError, NetworkError, InvalidReplyError }
