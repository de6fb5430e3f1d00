import type { z } from 'zod'
import { invalidRequest } from './errors.js'

/**
 * Validates a request body with a zod schema from shared/; a mismatch throws
 * 400 invalid_request naming each field: "email: must be an e-mail address".
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    throw invalidRequest(
      parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`).join('; '),
    )
  }
  return parsed.data
}
