import { useEffect, useRef, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/errors.js'
import { errorText } from './errorText.js'

/** Whether an API refusal says the link is not (or no longer) valid: unknown, used, withdrawn or expired. */
function isInvalidLink(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 410 || err.code === 'not_found')
}

/** What {@link useLinkPreview} gives a link's page. */
export interface LinkPreview<T> {
  /** What the link is for, once loaded. */
  preview: T | null
  /** The link is not valid (then the page says so instead of its form). */
  invalid: boolean
  /** Why the preview could not be loaded, other than an invalid link. */
  loadError: string | null
  /** The page's heading: focused once the preview or the invalid state is known, so a screen reader starts there. */
  headingRef: RefObject<HTMLHeadingElement | null>
  /** Runs a use of the link; if the link turned invalid meanwhile, the page shows that instead of an error (others are thrown). */
  whileValid: (action: () => Promise<void>) => Promise<void>
}

/**
 * The preview of a one-time link (an invitation, a password-reset or access
 * link) behind `token`, for the page the link opens.
 */
export function useLinkPreview<T>(token: string, load: (token: string) => Promise<T>): LinkPreview<T> {
  const { t } = useTranslation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const loadRef = useRef(load)
  const [preview, setPreview] = useState<T | null>(null)
  const [invalid, setInvalid] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    loadRef
      .current(token)
      .then((loaded) => {
        if (!cancelled) {
          setPreview(loaded)
        }
      })
      .catch((err: unknown) => {
        if (cancelled) {
          return
        }
        if (isInvalidLink(err)) {
          setInvalid(true)
        } else {
          setLoadError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [token, t])

  useEffect(() => {
    if (preview !== null || invalid) {
      headingRef.current?.focus()
    }
  }, [preview, invalid])

  const whileValid = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action()
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setInvalid(true)
        return
      }
      throw err
    }
  }

  return { preview, invalid, loadError, headingRef, whileValid }
}
