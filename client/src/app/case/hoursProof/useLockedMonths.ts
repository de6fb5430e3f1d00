import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { hoursLocks, lockedMonths } from '../../../../../shared/src/hoursProof/monthLock.js'

/** The locked months of the notes room (issue 18), following the server's marks as they arrive. */
export function useLockedMonths(notesDoc: Y.Doc): ReadonlySet<string> {
  const [locked, setLocked] = useState<ReadonlySet<string>>(() => lockedMonths(notesDoc))
  useEffect(() => {
    const locks = hoursLocks(notesDoc)
    const update = (): void => setLocked(lockedMonths(notesDoc))
    update()
    locks.observe(update)
    return () => locks.unobserve(update)
  }, [notesDoc])
  return locked
}
