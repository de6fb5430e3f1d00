/**
 * API errors with stable machine codes (contract §5). Handlers throw the
 * factories below, commands their domain errors (commands/errors.ts);
 * {@link renderError} turns anything thrown into
 * `{"error": {"code", "message"}}` with the matching status.
 */
import type { ErrorBody, ErrorCode } from '../../../shared/src/api/common.js'
import type { ConflictReason, ErrorReason, InvalidInputReason, NotAllowedReason, NotFoundReason } from '../../../shared/src/api/errorReasons.js'
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from '../commands/errors.js'
import { StorageUnavailableError } from '../storage/sql/StorageUnavailableError.js'

/** An error meant for the API caller. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Stable machine code (contract §5). */
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
    /** The stable word the client translates (issue 16). */
    readonly reason: ErrorReason = defaultReasons[code],
    /** Values the translation of the reason names (a number of seconds, a limit). */
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message)
  }
}

/** The reason of a code when a site names none. */
const defaultReasons: Readonly<Record<ErrorCode, ErrorReason>> = {
  invalid_request: 'invalidInput',
  unauthenticated: 'loginRequired',
  forbidden: 'notAllowed',
  not_found: 'pageNotFound',
  conflict: 'caseClosed',
  payload_too_large: 'bodyTooLarge',
  uri_too_long: 'uriTooLong',
  rate_limited: 'tooManyRequests',
  internal_error: 'internalError',
  service_unavailable: 'serviceUnavailable',
}

/** 400: the request does not fit its schema (or the state, for a named reason). */
export function invalidRequest(message: string, reason: InvalidInputReason = 'invalidInput', params?: Record<string, string | number>): HttpError {
  return new HttpError(400, 'invalid_request', message, {}, reason, params)
}

/** 401: no valid session, or a failed login. */
export function unauthenticated(reason: 'loginRequired' | 'wrongCredentials' = 'loginRequired', message = 'Please log in'): HttpError {
  return new HttpError(401, 'unauthenticated', message, {}, reason)
}

/** 403: logged in, but not allowed. */
export function forbidden(reason: NotAllowedReason, message = 'You are not allowed to do this'): HttpError {
  return new HttpError(403, 'forbidden', message, {}, reason)
}

/** 404: no such thing (or one the caller must not know about). */
export function notFound(reason: NotFoundReason, message = 'Not found'): HttpError {
  return new HttpError(404, 'not_found', message, {}, reason)
}

/** 409: conflicts with the current state. */
export function conflict(reason: ConflictReason, message: string): HttpError {
  return new HttpError(409, 'conflict', message, {}, reason)
}

/** 415: a state-changing request whose body is not JSON (also the CSRF guard against form posts). */
export function unsupportedMediaType(): HttpError {
  return new HttpError(415, 'invalid_request', 'Send JSON (Content-Type: application/json)', {}, 'notJson')
}

/** 429: too many attempts; try again after `retryAfterSeconds` (the reason's text names the minutes). */
export function rateLimited(
  retryAfterSeconds: number,
  reason: 'tooManyLogins' | 'tooManyRequests' | 'tooManyAccepts',
  message = 'Too many attempts; try again later',
): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds))
  return new HttpError(429, 'rate_limited', message, { 'retry-after': String(seconds) }, reason, { minutes: Math.ceil(seconds / 60) })
}

/** An uploaded file over the size limit is 413, one of a type not accepted 415 (issue 20); other bad input 400. */
const fileRefusals: Partial<Record<InvalidInputReason, readonly [number, ErrorCode]>> = {
  attachmentTooLarge: [413, 'payload_too_large'],
  attachmentType: [415, 'invalid_request'],
}

/** The HTTP error a command's refusal becomes (the one place domain errors meet statuses), or null for anything else. */
export function commandErrorToHttp(error: unknown): HttpError | null {
  if (error instanceof NotFoundError) {
    return notFound(error.reason, error.message)
  }
  if (error instanceof ConflictError) {
    return conflict(error.reason, error.message)
  }
  if (error instanceof NotAllowedError) {
    return forbidden(error.reason, error.message)
  }
  if (error instanceof InvalidInputError) {
    const status = fileRefusals[error.reason]
    return status === undefined ? invalidRequest(error.message, error.reason, error.params) : new HttpError(status[0], status[1], error.message, {}, error.reason, error.params)
  }
  return null
}

/** Shape of fastify's own errors (content-type parser, body limit). */
interface FrameworkError {
  code?: unknown
  statusCode?: unknown
}

/** Maps anything thrown to a status and error body; unknown errors become 500 without details. */
export function renderError(thrown: unknown): { status: number; body: ErrorBody; headers?: Readonly<Record<string, string>> } {
  const error = commandErrorToHttp(thrown) ?? thrown
  if (error instanceof HttpError) {
    const body: ErrorBody = {
      error: { code: error.code, reason: error.reason, ...(error.params !== undefined ? { params: { ...error.params } } : {}), message: error.message },
    }
    return Object.keys(error.headers).length > 0 ? { status: error.status, body, headers: error.headers } : { status: error.status, body }
  }
  if (error instanceof StorageUnavailableError) {
    // The database is away (a restart, a failover): the process keeps serving and the client may repeat.
    return {
      status: 503,
      body: { error: { code: 'service_unavailable', reason: 'serviceUnavailable', message: 'The database is not reachable right now; try again in a moment' } },
      headers: { 'retry-after': '5' },
    }
  }
  const framework = (typeof error === 'object' && error !== null ? error : {}) as FrameworkError
  switch (framework.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: { code: 'invalid_request', reason: 'notJson', message: 'Body is not valid JSON' } } }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: { code: 'invalid_request', reason: 'notJson', message: 'Body is empty but the content type is JSON' } } }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { error: { code: 'payload_too_large', reason: 'bodyTooLarge', message: 'Body is too large' } } }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: { error: { code: 'uri_too_long', reason: 'uriTooLong', message: 'A part of the address is too long' } } }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: { code: 'invalid_request', reason: 'notJson', message: 'Send JSON (Content-Type: application/json)' } } }
  }
  if (typeof framework.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    return { status: framework.statusCode, body: { error: { code: 'invalid_request', reason: 'invalidInput', message: 'Invalid request' } } }
  }
  return { status: 500, body: { error: { code: 'internal_error', reason: 'internalError', message: 'Internal error' } } }
}
