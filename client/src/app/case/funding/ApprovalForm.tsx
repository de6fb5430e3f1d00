import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { serviceCurrency } from '../../../i18n/serviceSettings.js'
import { Currencies, type Approval, type Currency } from '../../../../../shared/src/api/funding.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { fundingApi } from '../../../api/fundingEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'

export interface ApprovalFormProps {
  caseId: string
  /** The approvals that count (an extension names one of them). */
  approvals: readonly Approval[]
  /** The record to correct, or null for a new approval or extension. */
  correcting: Approval | null
  onCancelCorrection: () => void
  onSaved: () => void
}

/** A decimal in the UI's way of writing ("7,5" or "7.5"); NaN when it is none. */
function parseDecimal(text: string): number {
  const normalised = text.trim().replace(',', '.')
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN
}

/** Records an approval, an extension of one, or a correction of a record (always a new record). */
export function ApprovalForm({ caseId, approvals, correcting, onCancelCorrection, onSaved }: ApprovalFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const firstField = useRef<HTMLSelectElement>(null)
  const mainApprovals = approvals.filter((approval) => approval.kind === 'approval' && !approval.corrected)
  const [kind, setKind] = useState<'approval' | 'extension'>('approval')
  const [extendsId, setExtendsId] = useState('')
  const [validFrom, setValidFrom] = useState('')
  const [validUntil, setValidUntil] = useState('')
  const [hours, setHours] = useState('')
  const [rate, setRate] = useState('')
  const [currency, setCurrency] = useState<Currency>(serviceCurrency())
  const [decidedOn, setDecidedOn] = useState('')
  const [reference, setReference] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // A correction starts from the record it corrects.
  useEffect(() => {
    if (correcting === null) {
      return
    }
    setKind(correcting.kind)
    setExtendsId(correcting.extendsId ?? '')
    setValidFrom(correcting.validFrom)
    setValidUntil(correcting.validUntil)
    setHours(String(correcting.hours))
    setRate(correcting.rateCents === null ? '' : String(correcting.rateCents / 100))
    setCurrency(correcting.currency)
    setDecidedOn(correcting.decidedOn ?? '')
    setReference(correcting.reference)
    setNote('')
    firstField.current?.focus()
  }, [correcting])

  const reset = (): void => {
    setKind('approval')
    setExtendsId('')
    setValidFrom('')
    setValidUntil('')
    setHours('')
    setRate('')
    setDecidedOn('')
    setReference('')
    setNote('')
  }

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    const hoursValue = parseDecimal(hours)
    const rateValue = rate.trim() === '' ? null : parseDecimal(rate)
    if (Number.isNaN(hoursValue) || (rateValue !== null && Number.isNaN(rateValue))) {
      setError(t('funding.numberInvalid'))
      return
    }
    setBusy(true)
    try {
      await fundingApi.addApproval(caseId, {
        kind,
        extendsId: kind === 'extension' ? extendsId || null : null,
        correctsId: correcting?.id ?? null,
        validFrom,
        validUntil,
        hours: hoursValue,
        rateCents: rateValue === null ? null : Math.round(rateValue * 100),
        currency,
        decidedOn: decidedOn === '' ? null : decidedOn,
        reference,
        note,
      })
      reset()
      onSaved()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const heading = correcting !== null ? t('funding.correctHeading') : t('funding.addHeading')
  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="funding.approval-form">
      <h3 id={`${id}-h`}>{heading}</h3>
      {correcting !== null ? <p className="meta">{t('funding.correctIntro')}</p> : null}
      <form className="form" onSubmit={(event) => void handleSubmit(event)}>
        <label htmlFor={`${id}-kind`}>{t('funding.kind')}</label>
        <select
          id={`${id}-kind`}
          ref={firstField}
          value={kind}
          disabled={correcting !== null}
          onChange={(event) => setKind(event.target.value as 'approval' | 'extension')}
          data-testid="funding.kind"
        >
          <option value="approval">{t('fundingWords.approvalKind.approval')}</option>
          <option value="extension" disabled={mainApprovals.length === 0}>
            {t('fundingWords.approvalKind.extension')}
          </option>
        </select>
        {kind === 'extension' ? (
          <>
            <label htmlFor={`${id}-extends`}>{t('funding.extends')}</label>
            <select id={`${id}-extends`} value={extendsId} required onChange={(event) => setExtendsId(event.target.value)} data-testid="funding.extends">
              <option value="">{t('funding.choose')}</option>
              {mainApprovals.map((approval) => (
                <option key={approval.id} value={approval.id}>
                  {t('funding.periodShort', { from: approval.validFrom, until: approval.validUntil, hours: approval.hours })}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={`${id}-from`}>{t('funding.validFrom')}</label>
        <input id={`${id}-from`} type="date" required value={validFrom} onChange={(event) => setValidFrom(event.target.value)} data-testid="funding.valid-from" />
        <label htmlFor={`${id}-until`}>{t('funding.validUntil')}</label>
        <input id={`${id}-until`} type="date" required value={validUntil} onChange={(event) => setValidUntil(event.target.value)} data-testid="funding.valid-until" />
        <label htmlFor={`${id}-hours`}>{t('funding.hours')}</label>
        <input
          id={`${id}-hours`}
          inputMode="decimal"
          required
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          aria-describedby={`${id}-hours-hint`}
          data-testid="funding.hours"
        />
        <small id={`${id}-hours-hint`} className="meta">
          {t(kind === 'extension' ? 'funding.hoursHintExtension' : 'funding.hoursHint', { max: Limits.maxApprovalHours })}
        </small>
        <label htmlFor={`${id}-rate`}>{t('funding.rate')}</label>
        <div className="copy-row">
          <input id={`${id}-rate`} inputMode="decimal" value={rate} onChange={(event) => setRate(event.target.value)} data-testid="funding.rate" />
          <select aria-label={t('funding.currency')} value={currency} onChange={(event) => setCurrency(event.target.value as Currency)} data-testid="funding.currency">
            {Currencies.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <label htmlFor={`${id}-decided`}>{t('funding.decidedOn')}</label>
        <input id={`${id}-decided`} type="date" value={decidedOn} onChange={(event) => setDecidedOn(event.target.value)} data-testid="funding.decided-on" />
        <label htmlFor={`${id}-reference`}>{t('funding.reference')}</label>
        <input id={`${id}-reference`} maxLength={Limits.maxFundingNameLength} value={reference} onChange={(event) => setReference(event.target.value)} data-testid="funding.reference" />
        <label htmlFor={`${id}-note`}>{t(correcting !== null ? 'funding.correctionNote' : 'funding.note')}</label>
        <textarea id={`${id}-note`} maxLength={Limits.maxFundingTextLength} value={note} onChange={(event) => setNote(event.target.value)} data-testid="funding.note" />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy} data-testid="funding.save-approval">
            {t(correcting !== null ? 'funding.saveCorrection' : 'funding.saveApproval')}
          </button>
          {correcting !== null ? (
            <button type="button" onClick={onCancelCorrection} data-testid="funding.cancel-correction">
              {t('funding.cancel')}
            </button>
          ) : null}
        </div>
        <ErrorAlert message={error} testId="funding.approval-error" />
      </form>
    </section>
  )
}
