/**
 * The checks a chosen file gets before its upload starts (issue 20): the
 * size limit and the type by content (its first bytes, the same sniffing
 * the server does again). Shared by the case's attachments and a pool
 * member's evidence, so both name a problem in the same words.
 */
import type { TFunction } from 'i18next'
import { SniffBytes, sniffMediaType } from '../../../../shared/src/attachments/sniff.js'

/** Megabytes with one decimal, as the limit's text names them. */
export function megabytes(bytes: number): number {
  return Math.floor((bytes / (1024 * 1024)) * 10) / 10
}

/** What keeps `file` from being uploaded, as a translated text; null when it may go up. */
export async function fileProblem(t: TFunction, file: File | undefined, maxBytes: number): Promise<string | null> {
  if (file === undefined) {
    return t('attachments.chooseFile')
  }
  if (file.size > maxBytes) {
    return t('errors.reason.attachmentTooLarge', { megabytes: megabytes(maxBytes) })
  }
  if (file.size === 0) {
    return t('errors.reason.attachmentEmpty')
  }
  if (sniffMediaType(new Uint8Array(await file.slice(0, SniffBytes).arrayBuffer())) === null) {
    return t('errors.reason.attachmentType')
  }
  return null
}
