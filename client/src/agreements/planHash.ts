/**
 * The plan hash an agreement signs, computed in the browser on the local plan
 * doc: hex SHA-256 of {@link planContentHashInput} (the server computes the
 * same with node:crypto), so "changed since agreed" shows as soon as the
 * plan text changes, before any round trip.
 */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { planContentHashInput } from '../../../shared/src/caseDocument/planContent.js'

/** Hex SHA-256 of a string's UTF-8 bytes, with Web Crypto. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The plan hash of a plan doc as it is now. */
export function planHash(doc: Y.Doc): Promise<string> {
  return sha256Hex(planContentHashInput(doc))
}

/**
 * The live plan hash of a doc, recomputed (debounced) after every update;
 * null until the first computation finished or without a doc.
 */
export function usePlanHash(doc: Y.Doc | null, debounceMs = 300): string | null {
  const [hash, setHash] = useState<{ doc: Y.Doc; value: string } | null>(null)
  useEffect(() => {
    if (!doc) {
      return undefined
    }
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastInput: string | null = null
    const compute = (): void => {
      timer = undefined
      const input = planContentHashInput(doc)
      if (input === lastInput) {
        return
      }
      lastInput = input
      void sha256Hex(input).then((value) => {
        if (!cancelled && lastInput === input) {
          setHash({ doc, value })
        }
      })
    }
    const schedule = (): void => {
      if (timer !== undefined) {
        clearTimeout(timer)
      }
      timer = setTimeout(compute, debounceMs)
    }
    compute()
    doc.on('update', schedule)
    return () => {
      cancelled = true
      if (timer !== undefined) {
        clearTimeout(timer)
      }
      doc.off('update', schedule)
    }
  }, [doc, debounceMs])
  return hash !== null && hash.doc === doc ? hash.value : null
}
