import { useEffect, useRef, useState } from 'react'
import type { BoundAccount } from '../../../../../shared/src/comments/authorship.js'
import { parseRoomName } from '../../../../../shared/src/protocol/roomName.js'
import { api } from '../../../api/endpoints.js'

const none: ReadonlyMap<number, BoundAccount> = new Map()

/**
 * The accounts the relay bound to a case document's Yjs client ids (issue
 * 17), read again whenever a client id shows up that is not known yet.
 * Offline (or for an id not yet committed) the map simply lacks it, and
 * nothing is claimed about that writer.
 */
export function useRoomAuthors(room: string, clientIds: readonly number[]): ReadonlyMap<number, BoundAccount> {
  const [authors, setAuthors] = useState<ReadonlyMap<number, BoundAccount>>(none)
  const asked = useRef(new Set<string>())
  const missing = [...new Set(clientIds.filter((id) => !authors.has(id)))].sort((a, b) => a - b).join(',')

  useEffect(() => {
    const parsed = parseRoomName(room)
    if (missing === '' || asked.current.has(missing) || parsed === null || (parsed.kind !== 'notes' && parsed.kind !== 'plan')) {
      return undefined
    }
    asked.current.add(missing)
    let cancelled = false
    api
      .roomAuthors(parsed.caseId, parsed.kind)
      .then(({ data }) => {
        if (!cancelled) {
          setAuthors(new Map(data.authors.map((author) => [author.clientId, { userId: author.userId, name: author.name }])))
        }
      })
      .catch(() => {
        // Offline or refused: names stay as written; the next new id asks again.
        asked.current.delete(missing)
      })
    return () => {
      cancelled = true
    }
  }, [room, missing])

  return authors
}
