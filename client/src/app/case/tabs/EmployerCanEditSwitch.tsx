import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'

/** Coach only: lets the employer co-edit the measure plan (PATCH employerCanEdit). */
export function EmployerCanEditSwitch({ detail, offline, onChanged }: { detail: CaseDetail; offline: boolean; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const toggle = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.updateCase(detail.id, { employerCanEdit: !detail.employerCanEdit })
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="switch-row">
      <button
        type="button"
        role="switch"
        id={`${id}-switch`}
        aria-checked={detail.employerCanEdit}
        aria-describedby={`${id}-help`}
        className="switch"
        disabled={busy || offline}
        onClick={() => void toggle()}
        data-testid="case.employer-can-edit"
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">{t('case.employerCanEdit')}</span>
        <span className="switch-state" aria-hidden="true">
          {detail.employerCanEdit ? t('case.on') : t('case.off')}
        </span>
      </button>
      <p id={`${id}-help`} className="meta">
        {t(detail.employerCanEdit ? 'case.employerCanEditOnHelp' : 'case.employerCanEditOffHelp')}
      </p>
      <ErrorAlert message={error} testId="case.employer-can-edit-error" />
    </div>
  )
}
