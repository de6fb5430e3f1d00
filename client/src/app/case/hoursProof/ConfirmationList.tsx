import { useTranslation } from 'react-i18next'
import type { ProofConfirmation } from '../../../../../shared/src/api/hoursProof.js'
import { formatDateTime } from '../../format.js'

/** Who confirmed a month and when; a confirmation of an earlier state (before a correction) says so. */
export function ConfirmationList({ confirmations }: { confirmations: readonly ProofConfirmation[] }) {
  const { t, i18n } = useTranslation()
  if (confirmations.length === 0) {
    return (
      <p className="meta" data-testid="proof.open">
        {t('proof.open')}
      </p>
    )
  }
  return (
    <ul className="plain-list" data-testid="proof.confirmations">
      {confirmations.map((confirmation) => (
        <li key={`${confirmation.role}-${confirmation.confirmedAt}`} data-testid="proof.confirmation" data-role={confirmation.role}>
          {t('proof.confirmedBy', { name: confirmation.name, role: t(`roles.${confirmation.role}`), at: formatDateTime(confirmation.confirmedAt, i18n.language) })}
          {confirmation.current ? null : <> {t('proof.earlierState')}</>}
        </li>
      ))}
    </ul>
  )
}
