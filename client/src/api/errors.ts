import { ErrorBody, type ErrorCode } from '../../../shared/src/api/common.js'

/** The server answered with an error status (contract §5 error body). */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'unknown',
    message: string,
    /** The stable word of why (shared/src/api/errorReasons.ts), when the server sent one. */
    readonly reason?: string,
    /** Values its text names. */
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message)
  }
}

/** The request did not reach the server (offline, DNS, refused). */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

/** The server's reply did not fit the shared schema. */
export class InvalidReplyError extends Error {
  override name = 'InvalidReplyError'
}

/** Builds the ApiError of a failed response from its status and body text. */
export function parseErrorReply(status: number, bodyText: string): ApiError {
  let json: unknown
  try {
    json = JSON.parse(bodyText)
  } catch {
    json = undefined
  }
  const parsed = ErrorBody.safeParse(json)
  if (parsed.success) {
    const { code, message, reason, params } = parsed.data.error
    return new ApiError(status, code, message, reason, params)
  }
  return new ApiError(status, 'unknown', bodyText.trim().slice(0, 200) || `HTTP ${status}`)
}
