import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CaseFlow, type CaseDetail } from '../../../../../shared/src/api/cases.js'
import { api } from '../../../api/endpoints.js'
import { serviceCountry } from '../../../i18n/serviceSettings.js'
import { errorText } from '../../errorText.js'

/** The select's value for "follow the service" (the API's null). */
const serviceDefault = 'service'

/**
 * Coach only (issue 19): the case's flow, German or Swiss, over the
 * service's default (PATCH /api/cases/:id/flow), with what each flow changes.
 */
export function CaseFlowSelect({ detail, offline, onChanged }: { detail: CaseDetail; offline: boolean; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const defaultFlow: CaseFlow = serviceCountry() === 'CH' ? 'ch' : 'de'
  const change = async (next: CaseFlow | null): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.setCaseFlow(detail.id, { flow: next })
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="field case-flow">
      <label htmlFor={`${id}-flow`}>{t('process.caseFlow.label')}</label>
      <select
        id={`${id}-flow`}
        value={detail.flowOverride ?? serviceDefault}
        disabled={busy || offline}
        aria-describedby={`${id}-help${offline ? ` ${id}-offline` : ''}`}
        onChange={(event) => {
          const next = event.target.value === serviceDefault ? null : CaseFlow.safeParse(event.target.value).data
          if (next !== undefined && next !== detail.flowOverride) {
            void change(next)
          }
        }}
        data-testid="plan.case-flow"
      >
        <option value={serviceDefault}>{t('process.caseFlow.serviceDefault', { flow: t(`process.caseFlow.name.${defaultFlow}`) })}</option>
        {CaseFlow.options.map((option) => (
          <option key={option} value={option}>
            {t(`process.caseFlow.name.${option}`)}
          </option>
        ))}
      </select>
      <div id={`${id}-help`} className="meta" data-testid="plan.case-flow-help">
        <p>{t('process.caseFlow.current', { flow: t(`process.caseFlow.name.${detail.flow}`) })}</p>
        <p>{t(`process.caseFlow.help.${detail.flow}`)}</p>
        <p>{t('process.caseFlow.changeNote')}</p>
      </div>
      {offline ? (
        <small id={`${id}-offline`} className="meta">
          {t('process.caseFlow.offline')}
        </small>
      ) : null}
      {error ? (
        <p role="alert" className="alert" data-testid="plan.case-flow-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
