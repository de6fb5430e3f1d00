import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseFundingRecord, FundingBody } from '../../../../../shared/src/api/funding.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { fundingApi } from '../../../api/fundingEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { formatDateTime } from '../../format.js'

export interface CaseFundingFormProps {
  caseId: string
  current: CaseFundingRecord | null
  history: readonly CaseFundingRecord[]
  writable: boolean
  onChanged: () => void
}

/** The case's funding body (from the directory), file number and referring body; a change is a new record, the earlier ones stay listed. */
export function CaseFundingForm({ caseId, current, history, writable, onChanged }: CaseFundingFormProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [bodies, setBodies] = useState<FundingBody[]>([])
  const [bodyId, setBodyId] = useState(current?.fundingBodyId ?? '')
  const [fileNumber, setFileNumber] = useState(current?.fileNumber ?? '')
  const [referringBody, setReferringBody] = useState(current?.referringBody ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!writable) {
      return undefined
    }
    let cancelled = false
    fundingApi
      .fundingBodies()
      .then(({ data }) => {
        if (!cancelled) {
          setBodies(data.fundingBodies)
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) {
          setError(errorText(t, err))
        }
      })
    return () => {
      cancelled = true
    }
  }, [writable, t])

  // Another coach's change arrives as a new current record: the form follows it.
  useEffect(() => {
    setBodyId(current?.fundingBodyId ?? '')
    setFileNumber(current?.fileNumber ?? '')
    setReferringBody(current?.referringBody ?? '')
  }, [current])

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      await fundingApi.setCaseFunding(caseId, { fundingBodyId: bodyId === '' ? null : bodyId, fileNumber, referringBody })
      setSaved(true)
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  // The body named now stays choosable even when the directory deactivated it.
  const choosable = current?.fundingBodyId && !bodies.some((body) => body.id === current.fundingBodyId)
    ? [...bodies, { id: current.fundingBodyId, name: current.fundingBodyName ?? '' }]
    : bodies

  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="funding.body-section">
      <h3 id={`${id}-h`}>{t('funding.bodyHeading')}</h3>
      {writable ? (
        <form className="form" onSubmit={(event) => void handleSubmit(event)}>
          <label htmlFor={`${id}-body`}>{t('funding.body')}</label>
          <select id={`${id}-body`} value={bodyId} onChange={(event) => setBodyId(event.target.value)} data-testid="funding.body">
            <option value="">{t('funding.noBody')}</option>
            {choosable.map((body) => (
              <option key={body.id} value={body.id}>
                {body.name}
              </option>
            ))}
          </select>
          {bodies.length === 0 ? <p className="meta">{t('funding.emptyDirectory')}</p> : null}
          <label htmlFor={`${id}-file`}>{t('funding.fileNumber')}</label>
          <input id={`${id}-file`} value={fileNumber} maxLength={Limits.maxFundingNameLength} onChange={(event) => setFileNumber(event.target.value)} data-testid="funding.file-number" />
          <label htmlFor={`${id}-referring`}>{t('funding.referringBody')}</label>
          <input
            id={`${id}-referring`}
            value={referringBody}
            maxLength={Limits.maxFundingNameLength}
            onChange={(event) => setReferringBody(event.target.value)}
            data-testid="funding.referring-body"
          />
          <button type="submit" className="primary" disabled={busy} data-testid="funding.save-body">
            {t('funding.saveBody')}
          </button>
          {saved ? (
            <p role="status" className="meta" data-testid="funding.body-saved">
              {t('funding.bodySaved')}
            </p>
          ) : null}
        </form>
      ) : (
        <dl>
          <dt>{t('funding.body')}</dt>
          <dd>{current?.fundingBodyName ?? t('funding.noBody')}</dd>
          <dt>{t('funding.fileNumber')}</dt>
          <dd>{current?.fileNumber || '—'}</dd>
          <dt>{t('funding.referringBody')}</dt>
          <dd>{current?.referringBody || '—'}</dd>
        </dl>
      )}
      <ErrorAlert message={error} testId="funding.body-error" />
      {history.length > 1 ? (
        <details>
          <summary>{t('funding.bodyHistory', { count: history.length - 1 })}</summary>
          <ul className="plain-list" data-testid="funding.body-history">
            {history.slice(1).map((record) => (
              <li key={record.id}>
                {t('funding.bodyHistoryLine', {
                  body: record.fundingBodyName ?? t('funding.noBody'),
                  file: record.fileNumber || '—',
                  referring: record.referringBody || '—',
                  who: record.recordedByName,
                  when: formatDateTime(record.recordedAt, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
