/**
 * "Bewerbung zurückziehen und Daten löschen" (issue 20 point 2): the member
 * erases their own pool data — application, profile, evidence files and
 * keeping-qualified records — after an explicit confirmation.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { poolInvitationApi } from '../../api/poolInvitationEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { Section } from './poolFields.js'

export function WithdrawApplication() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const erase = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await poolInvitationApi.eraseOwn()
      await navigate('/', { replace: true, state: { notice: t('pool.withdraw.done') } })
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }

  return (
    <Section title={t('pool.withdraw.title')} testId="pool.withdraw">
      <p>{t('pool.withdraw.intro')}</p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="pool-withdraw-confirm" className="stack" data-testid="pool.withdraw.confirm">
          <p id="pool-withdraw-confirm">{t('pool.withdraw.confirmText')}</p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void erase()} data-testid="pool.withdraw.yes">
              {t('pool.withdraw.yes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)} data-testid="pool.withdraw.no">
              {t('pool.withdraw.no')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="pool.withdraw.start">
            {t('pool.withdraw.start')}
          </button>
        </div>
      )}
      <ErrorAlert message={error} testId="pool.withdraw.error" />
    </Section>
  )
}
