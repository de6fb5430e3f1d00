/**
 * The one fetch wrapper: JSON in and out, replies validated with the shared
 * zod schemas, errors as {@link ApiError} / {@link NetworkError}.
 *
 * GETs made with `cacheFor` keep their last reply on this device and fall
 * back to it (never on an HTTP error such as 401): at once when the browser
 * says it is offline (the request still goes out, in case it is wrong), on
 * a network error, and when the server has not answered within
 * {@link StoredReplyAfterMs} (a network that hangs). The
 * case then opens from the device instead of waiting (a reload offline used
 * to wait for three failing requests in a row before it read the local
 * copy; on a hanging network it waited for the browser's own timeout). An
 * answer that arrives after its stored reply was shown is stored and
 * announced (reachability.ts); the wait follows the server's answers (twice
 * the last one's time, 3 to 10 s), so on a slow network the fetch that
 * follows gets through.
 */
import type { z } from 'zod'
import { ApiError, InvalidReplyError, NetworkError, parseErrorReply } from './errors.js'
import { hasReply, readReply, storeReply } from './offlineCache.js'
import { announceReachable, browserOffline } from './reachability.js'

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

/** How long a GET with a stored reply waits for the server at least. */
export const StoredReplyAfterMs = 3_000
/** The longest that wait grows to on a slow network. */
export const StoredReplyAfterMaxMs = 10_000
/** Twice the time of the server's last answer, within those bounds. */
let storedReplyAfterMs = StoredReplyAfterMs
/**
 * Set when a stored reply was shown because the server did not answer in
 * time, cleared by the next answer: while set the network hangs, and the
 * next GETs show their stored replies at once (a case page asks who is
 * logged in, then for the case: waiting for each in turn would double the
 * wait).
 */
let networkHangs = false
/**
 * Set once the server answered while the browser said it was offline: from
 * then on its word is not taken (otherwise every screen fetching again on
 * that answer would get the stored reply once more, and ask again).
 */
let browserWrongAboutOffline = false

/** Test hook: back to the first wait, the network not known to hang, the browser's word taken. */
export function resetStoredReplyWait(): void {
  storedReplyAfterMs = StoredReplyAfterMs
  networkHangs = false
  browserWrongAboutOffline = false
}

/** Makes a request; throws ApiError, NetworkError or InvalidReplyError. */
export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<ApiResult<T>> {
  const { method = 'GET', reply, cacheFor } = options
  if (method !== 'GET' || cacheFor === undefined || !reply || !hasReply(cacheFor, path)) {
    return { data: await send(path, options), fromCache: false }
  }
  const stored = (): ApiResult<T> | undefined => {
    const cached = reply.safeParse(readReply(cacheFor, path))
    return cached.success ? { data: cached.data, fromCache: true } : undefined
  }
  if (browserOffline() && !browserWrongAboutOffline) {
    const cached = stored()
    if (cached !== undefined) {
      // Sent all the same: should the browser be wrong about being offline, its answer is stored and announced.
      whenAnswered(send(path, options), () => {
        browserWrongAboutOffline = true
        announceReachable()
      })
      return cached
    }
  }
  return raceStoredReply(send(path, options), stored, networkHangs ? 0 : storedReplyAfterMs)
}

/**
 * Calls `answered` once the server answers: a reply, or an HTTP error (a
 * 401 ends the session when a screen asks again); not on a network error.
 */
function whenAnswered(network: Promise<unknown>, answered: () => void): void {
  network.then(answered, (error: unknown) => {
    if (!(error instanceof NetworkError)) {
      answered()
    }
  })
}

/** The server's reply, or the stored one once the server is late or unreachable. */
function raceStoredReply<T>(network: Promise<T>, stored: () => ApiResult<T> | undefined, waitMs: number): Promise<ApiResult<T>> {
  const startedAt = Date.now()
  return new Promise((resolve, reject) => {
    let shown = false
    const timer = setTimeout(() => {
      const cached = stored()
      if (cached !== undefined) {
        shown = true
        networkHangs = true
        resolve(cached)
      }
    }, waitMs)
    whenAnswered(network, () => {
      networkHangs = false
      storedReplyAfterMs = Math.min(StoredReplyAfterMaxMs, Math.max(StoredReplyAfterMs, 2 * (Date.now() - startedAt)))
      if (shown) {
        announceReachable()
      }
    })
    network.then(
      (data) => {
        if (!shown) {
          clearTimeout(timer)
          resolve({ data, fromCache: false })
        }
      },
      (error: unknown) => {
        if (shown) {
          return
        }
        clearTimeout(timer)
        const cached = error instanceof NetworkError ? stored() : undefined
        if (cached !== undefined) {
          resolve(cached)
        } else {
          reject(error)
        }
      },
    )
  })
}

/** One request to the server; stores a GET's reply for `cacheFor`. */
async function send<T>(path: string, { method = 'GET', body, reply, cacheFor }: RequestOptions<T>): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : 'network error')
  }
  const text = await response.text()
  if (!response.ok) {
    throw parseErrorReply(response.status, text)
  }
  if (!reply) {
    return undefined as T
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
  return parsed.data
}

export { ApiError, NetworkError, InvalidReplyError }
