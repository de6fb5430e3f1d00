import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { VersionDetail } from '../../../../../shared/src/api/versions.js'
import { comparablePlanOfContent, comparablePlanOfDoc, planDiff } from '../../../../../shared/src/versions/planDiff.js'
import { api } from '../../../api/endpoints.js'
import { useDocValue } from '../process/useCaseDocs.js'
import type { PlanView } from '../planView.js'
import { PlanDiffView } from './PlanDiffView.js'

export interface ChangedSinceAgreedProps {
  caseId: string
  /** The plan version the person agreed to (their newest agreement's). */
  versionId: string | null
  /** The live plan document. */
  planDoc: Y.Doc | null
  view: PlanView
}

/**
 * "Was hat sich geändert, seit Sie zugestimmt haben": the plan as the person
 * agreed to it against the plan now, right where they are asked to agree
 * again (contract §8.4); in plain language for the coachee.
 */
export function ChangedSinceAgreed({ caseId, versionId, planDoc, view }: ChangedSinceAgreedProps) {
  const { t } = useTranslation()
  const id = useId()
  const [agreed, setAgreed] = useState<VersionDetail | null>(null)
  const [failed, setFailed] = useState(false)
  const live = useDocValue(planDoc, comparablePlanOfDoc)

  useEffect(() => {
    if (versionId === null) {
      return undefined
    }
    let cancelled = false
    api
      .version(caseId, 'plan', versionId)
      .then(({ data }) => {
        if (!cancelled) {
          setAgreed(data.version)
        }
      })
      .catch(() => {
        if (!cancelled) {
          setFailed(true)
        }
      })
    return () => {
      cancelled = true
    }
  }, [caseId, versionId])

  const before = agreed && agreed.id === versionId && agreed.content.doc === 'plan' ? comparablePlanOfContent(agreed.content) : null
  const plain = view === 'plain'
  return (
    <section aria-labelledby={`${id}-h`} className="changed-since" data-testid="agreement.changed-diff">
      <h4 id={`${id}-h`}>{t(plain ? 'versions.sinceAgreed.plainHeading' : 'versions.sinceAgreed.heading')}</h4>
      {versionId === null || failed || (agreed !== null && before === null) ? (
        <p className="meta">{t('versions.sinceAgreed.none')}</p>
      ) : before && live ? (
        <PlanDiffView diff={planDiff(before, live)} view={view} level={4} testId="agreement.diff" />
      ) : (
        <p role="status">{t('versions.loading')}</p>
      )}
    </section>
  )
}
