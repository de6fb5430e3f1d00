import { z } from 'zod'
import { opaqueIdRegExp } from '../ids.js'
import { Limits } from '../limits.js'

/** An opaque id in a path or body. */
export const Id = z.string().regex(opaqueIdRegExp, 'must be an opaque id')

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(Limits.maxEmailLength)
  .pipe(z.email({ message: 'must be an e-mail address' }))

export const PersonName = z.string().trim().min(1, 'must not be empty').max(Limits.maxNameLength)

export const Password = z
  .string()
  .min(Limits.minPasswordLength, `must have at least ${Limits.minPasswordLength} characters`)
  .max(Limits.maxPasswordLength)

/** Stable machine codes of API errors; messages are for people. */
export const ErrorCodes = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'uri_too_long',
  'rate_limited',
  'internal_error',
  'service_unavailable',
] as const
export const ErrorCode = z.enum(ErrorCodes)
export type ErrorCode = z.infer<typeof ErrorCode>

/**
 * Every HTTP error body (contract §5). `reason` is the stable word a client
 * translates (errorReasons.ts; a string, so a client tolerates a newer
 * server's reason), `params` fill its text; `message` is English, for logs
 * and API callers, never for a screen.
 */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    reason: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    message: z.string(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

/** A body that must be an empty object (or absent). */
export const EmptyBody = z.object({}).strict()
