import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SupervisionCopySummary } from '../../../../shared/src/api/supervision.js'
import { CopyList, groupCopies } from './SupervisionScreen.js'
import { supervisionApi } from './supervisionApi.js'

/**
 * The start page of a staff account without cases of its own (a supervisor):
 * the copies released to its groups, so it does not land on an empty case
 * list. Shows nothing when there are none, or offline.
 */
export function GroupCopiesStart({ onFound }: { onFound?: (found: boolean) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [copies, setCopies] = useState<SupervisionCopySummary[] | null>(null)
  useEffect(() => {
    let cancelled = false
    supervisionApi
      .copies()
      .then(({ data }) => {
        if (!cancelled) {
          const found = groupCopies(data.copies)
          setCopies(found)
          onFound?.(found.length > 0)
        }
      })
      // Offline or refused: the start page stays as it is.
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [onFound])
  if (copies === null || copies.length === 0) {
    return null
  }
  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="start.group-copies">
      <h2 id={`${id}-h`}>{t('supervision.groupCopies')}</h2>
      <CopyList copies={copies} testId="supervision.group-copies" empty={t('supervision.noGroupCopies')} />
    </section>
  )
}
