import { describe, expect, it } from 'vitest'
import { isErrorReason } from '../../../shared/src/api/errorReasons.js'
import { ConflictError, InvalidInputError, NotAllowedError, NotFoundError } from '../commands/errors.js'
import { StorageUnavailableError } from '../storage/sql/StorageUnavailableError.js'
import { conflict, forbidden, invalidRequest, notFound, renderError, unauthenticated } from './errors.js'

describe('renderError', () => {
  it('renders each factory with its status and stable code', () => {
    expect(renderError(invalidRequest('title: must not be empty'))).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', reason: 'invalidInput', message: 'title: must not be empty' } },
    })
    expect(renderError(unauthenticated()).status).toBe(401)
    expect(renderError(forbidden('coachesOnly')).body.error.code).toBe('forbidden')
    expect(renderError(notFound('caseNotFound')).status).toBe(404)
    expect(renderError(conflict('alreadyMember', 'already a member'))).toEqual({
      status: 409,
      body: { error: { code: 'conflict', reason: 'alreadyMember', message: 'already a member' } },
    })
  })

  it("maps the commands' domain errors to statuses, keeping their messages", () => {
    expect(renderError(new NotFoundError('memberNotFound', 'No such member'))).toEqual({
      status: 404,
      body: { error: { code: 'not_found', reason: 'memberNotFound', message: 'No such member' } },
    })
    expect(renderError(new ConflictError('lastCoach', 'A case needs at least one coach'))).toEqual({
      status: 409,
      body: { error: { code: 'conflict', reason: 'lastCoach', message: 'A case needs at least one coach' } },
    })
    expect(renderError(new NotAllowedError('coachMustBeStaff', 'staff only')).status).toBe(403)
    expect(renderError(new InvalidInputError('validUntilPast', 'validUntil: must not be in the past')).body.error).toEqual({
      code: 'invalid_request',
      reason: 'validUntilPast',
      message: 'validUntil: must not be in the past',
    })
  })

  it("maps fastify's invalid JSON and body limit errors", () => {
    expect(renderError({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 })).toEqual({
      status: 400,
      body: { error: { code: 'invalid_request', reason: 'notJson', message: 'Body is not valid JSON' } },
    })
    expect(renderError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }).body.error.code).toBe('payload_too_large')
  })

  it('gives every answer a reason the client knows (issue 16)', () => {
    const thrown: unknown[] = [
      invalidRequest('x'),
      unauthenticated(),
      new StorageUnavailableError('unreachable', 'down'),
      new Error('boom'),
      { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 },
      { code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400 },
      { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 },
      { code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 },
      { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 },
      { statusCode: 405 },
    ]
    for (const error of thrown) {
      expect(isErrorReason(renderError(error).body.error.reason), JSON.stringify(renderError(error).body)).toBe(true)
    }
  })

  it('hides the details of unexpected errors', () => {
    const rendered = renderError(new Error('SQLITE_CORRUPT at /data/fallbuch.sqlite'))
    expect(rendered.status).toBe(500)
    expect(rendered.body.error.message).not.toContain('SQLITE')
  })
})
