import type { TFunction } from 'i18next'
import { isErrorReason } from '../../../shared/src/api/errorReasons.js'
import { ErrorCodes } from '../../../shared/src/api/common.js'
import { ApiError, InvalidReplyError, NetworkError } from '../api/errors.js'
import { HoursMonthLocked, UpdateRefused } from '../../../shared/src/protocol/closeCodes.js'

/**
 * A translated, user-facing description of a failed request (issue 16): the
 * text of the server's reason, else of its broad code. The server's own
 * message is English and for logs; it never reaches the screen.
 */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof NetworkError) {
    return t('errors.network')
  }
  if (err instanceof InvalidReplyError) {
    return t('errors.invalidReply')
  }
  if (err instanceof ApiError) {
    if (isErrorReason(err.reason)) {
      return t(`errors.reason.${err.reason}`, { ...err.params })
    }
    return (ErrorCodes as readonly string[]).includes(err.code) ? t(`errors.${err.code}`) : t('errors.generic')
  }
  return t('errors.generic')
}

/** Close codes with their own text (errors.close.<key>); contract §5. */
export const TranslatedCloseCodes = [4400, 4401, 4403, 4404, 4413, 4429, 1011, 1001] as const

/** The i18n key under `errors.close` of a websocket close: the relay's English reason never reaches the screen. */
export function closeTextKey(close: { code: number; reason: string }): string {
  if (close.code === UpdateRefused.code && close.reason === UpdateRefused.reason) {
    return 'updateRefused'
  }
  if (close.code === HoursMonthLocked.code && close.reason === HoursMonthLocked.reason) {
    return 'hoursMonthLocked'
  }
  return (TranslatedCloseCodes as readonly number[]).includes(close.code) ? String(close.code) : 'other'
}

/** A translated description of a websocket close. */
export function closeText(t: TFunction, close: { code: number; reason: string }): string {
  return t(`errors.close.${closeTextKey(close)}`)
}
