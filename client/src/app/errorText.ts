import type { TFunction } from 'i18next'
import { ApiError, InvalidReplyError, NetworkError } from '../api/errors.js'

/** A translated, user-facing description of a failed request: generic text plus the server's message. */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof NetworkError) {
    return t('errors.network')
  }
  if (err instanceof InvalidReplyError) {
    return t('errors.invalidReply')
  }
  if (err instanceof ApiError) {
    const generic = err.code === 'unknown' ? t('errors.generic') : t(`errors.${err.code}`)
    return err.message ? `${generic} ${t('errors.serverSays', { message: err.message })}` : generic
  }
  return t('errors.generic')
}
