import type { TFunction } from 'i18next'

/**
 * The versions screen's words: the coachee's plain ones (`plain.versions.*`,
 * "So war Ihr Plan früher") or the professionals' (`versions.*`). Keys the
 * coachee never meets (restoring, the notes) exist under `versions.*` only.
 */
export function versionWords(t: TFunction, plain: boolean): (key: string, options?: Record<string, string>) => string {
  return (key, options) => t(plain ? `plain.versions.${key}` : `versions.${key}`, options ?? {})
}
