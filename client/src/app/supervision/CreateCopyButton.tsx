import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { supervisionApi } from './supervisionApi.js'

/** A coach's action on the case page: builds an anonymised copy and opens its review. */
export function CreateCopyButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const handleClick = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await supervisionApi.createCopy(caseId)
      void navigate(`/supervision/${encodeURIComponent(data.copy.id)}`, { state: { review: { legend: data.legend, replacements: data.replacements } } })
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }
  return (
    <span className="create-supervision-copy">
      <button type="button" className="small" disabled={busy} onClick={() => void handleClick()} data-testid="supervision.create-copy" title={t('supervision.createHelp')}>
        {busy ? t('supervision.creating') : t('supervision.create')}
      </button>
      <ErrorAlert message={error} testId="supervision.create-error" />
    </span>
  )
}
