import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CaseType } from '../../../../../shared/src/api/cases.js'
import { api } from '../../../api/endpoints.js'
import { errorText } from '../../errorText.js'

/** Coach only: the case type (Arbeitsplatzanbahnung / Arbeitsplatzsicherung), changed with PATCH /api/cases/:id {type}. */
export function CaseTypeSelect({ caseId, type, offline, onChanged }: { caseId: string; type: CaseType; offline: boolean; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const change = async (next: CaseType): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.updateCase(caseId, { type: next })
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="field case-type">
      <label htmlFor={`${id}-type`}>{t('process.caseType')}</label>
      <select
        id={`${id}-type`}
        value={type}
        disabled={busy || offline}
        aria-describedby={offline ? `${id}-offline` : undefined}
        onChange={(event) => {
          const parsed = CaseType.safeParse(event.target.value)
          if (parsed.success && parsed.data !== type) {
            void change(parsed.data)
          }
        }}
        data-testid="plan.case-type"
      >
        {CaseType.options.map((option) => (
          <option key={option} value={option}>
            {t(`cases.type.${option}`)}
          </option>
        ))}
      </select>
      {offline ? (
        <small id={`${id}-offline`} className="meta">
          {t('process.caseTypeOffline')}
        </small>
      ) : null}
      {error ? (
        <p role="alert" className="alert" data-testid="plan.case-type-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
