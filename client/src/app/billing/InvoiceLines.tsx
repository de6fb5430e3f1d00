/** The lines of a draft or an issued invoice as a table: file number, initials, hours per category, rate, amount (issue 18). */
import { useTranslation } from 'react-i18next'
import type { AppliedRate, InvoiceHoursKey, InvoiceLine } from '../../../../shared/src/api/invoices.js'
import { formatHours } from '../format.js'
import { formatMoney } from './money.js'

function RateText({ rate }: { rate: AppliedRate | null }) {
  const { t, i18n } = useTranslation()
  if (rate === null) {
    return <strong>{t('billing.rate.missing')}</strong>
  }
  const amount = formatMoney(rate.cents, rate.currency, i18n.language)
  return <>{t(`billing.rate.${rate.kind}`, { amount, source: t(`billing.rate.source.${rate.source}`) })}</>
}

export function InvoiceLines({ lines, currency, totalCents, caption }: { lines: readonly InvoiceLine[]; currency: string | null; totalCents: number; caption: string }) {
  const { t, i18n } = useTranslation()
  const hoursText = (key: InvoiceHoursKey): string => (key === 'none' ? t('billing.noCategory') : t(`fundingWords.hoursCategory.${key}`))
  return (
    <div className="invoice-lines-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="invoice-lines" data-testid="billing.lines">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('billing.column.case')}</th>
            <th scope="col">{t('billing.column.hours')}</th>
            <th scope="col">{t('billing.column.rate')}</th>
            <th scope="col">{t('billing.column.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={`${line.caseId}-${index}`} data-testid="billing.line">
              <th scope="row">
                {t('billing.fileNumber', { fileNumber: line.fileNumber === '' ? '—' : line.fileNumber })}
                <br />
                {line.initials === '' ? '—' : line.initials}
              </th>
              <td data-label={t('billing.column.hours')}>
                <ul className="plain-list">
                  {Object.entries(line.hours).map(([key, hours]) => (
                    <li key={key}>
                      {hoursText(key as InvoiceHoursKey)}: {formatHours(hours, i18n.language)} {t('billing.hoursUnit')}
                    </li>
                  ))}
                </ul>
                <strong>
                  {t('billing.totalHours')}: {formatHours(line.totalHours, i18n.language)} {t('billing.hoursUnit')}
                </strong>
              </td>
              <td data-label={t('billing.column.rate')}>
                <RateText rate={line.rate} />
              </td>
              <td className="amount" data-label={t('billing.column.amount')}>{currency === null ? '—' : formatMoney(line.amountCents, currency, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('billing.total')}
            </th>
            <td className="amount" data-testid="billing.total">
              {currency === null ? '—' : formatMoney(totalCents, currency, i18n.language)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
