/**
 * An admin sets a staff account's billing flag (invoices of every case, no
 * case content) and the coach's own rate: hourly (e.g. 40–50 €) or a flat
 * fee per case (e.g. 300 €) for freelance pool coaches; issue 18. The rate
 * applies where no approval names one (shared/src/billing/rates.ts).
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { serviceCurrency } from '../i18n/serviceSettings.js'
import { Currencies, type Currency } from '../../../shared/src/api/funding.js'
import type { User } from '../../../shared/src/api/users.js'
import { Limits } from '../../../shared/src/limits.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'

type RateChoice = 'none' | 'hourly' | 'flat'

/** "45,50" or "45.5" in cents; null when it is no amount. */
export function centsOf(text: string): number | null {
  const normalised = text.trim().replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) {
    return null
  }
  return Math.round(Number(normalised) * 100)
}

/** Cents as the amount field shows them: a decimal comma in German, a point in Swiss German and English. */
function amountText(cents: number, language: string): string {
  const text = (cents / 100).toFixed(2)
  return language === 'de' ? text.replace('.', ',') : text
}

export function StaffBillingForm({ user, onChanged }: { user: User; onChanged: (notice: string) => void }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [isBilling, setIsBilling] = useState(user.isBilling)
  const [kind, setKind] = useState<RateChoice>(user.coachRate?.kind ?? 'none')
  const [amount, setAmount] = useState(user.coachRate === null ? '' : amountText(user.coachRate.cents, i18n.language))
  const [currency, setCurrency] = useState<Currency>(user.coachRate?.currency ?? serviceCurrency())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const cents = kind === 'none' ? null : centsOf(amount)
  const valid = kind === 'none' || (cents !== null && cents <= Limits.maxRateCents)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.updateUser(user.id, { isBilling, coachRate: kind === 'none' || cents === null ? null : { kind, cents, currency } })
      onChanged(t('admin.billing.saved', { name: user.name }))
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="admin-staff-role" onSubmit={(event) => void submit(event)} aria-label={t('admin.billing.label', { name: user.name })}>
      <div className="checkbox">
        <input id={`${id}-billing`} type="checkbox" checked={isBilling} onChange={(event) => setIsBilling(event.target.checked)} data-testid="admin.user-billing" />
        <label htmlFor={`${id}-billing`}>{t('admin.billing.flag')}</label>
      </div>
      <label htmlFor={`${id}-kind`}>{t('admin.billing.rate')}</label>{' '}
      <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as RateChoice)} data-testid="admin.user-rate-kind">
        <option value="none">{t('admin.billing.none')}</option>
        <option value="hourly">{t('admin.billing.hourly')}</option>
        <option value="flat">{t('admin.billing.flat')}</option>
      </select>{' '}
      {kind === 'none' ? null : (
        <>
          <label htmlFor={`${id}-amount`} className="visually-hidden">
            {t('admin.billing.amount')}
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            aria-invalid={!valid}
            onChange={(event) => setAmount(event.target.value)}
            data-testid="admin.user-rate-amount"
            className="narrow"
          />{' '}
          <label htmlFor={`${id}-currency`} className="visually-hidden">
            {t('admin.billing.currency')}
          </label>
          <select id={`${id}-currency`} value={currency} onChange={(event) => setCurrency(event.target.value as Currency)}>
            {Currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>{' '}
        </>
      )}
      <button type="submit" className="small" disabled={busy || !valid} data-testid="admin.user-billing-save">
        {t('admin.billing.save')}
      </button>
      <ErrorAlert message={error} testId="admin.user-billing-error" />
    </form>
  )
}
