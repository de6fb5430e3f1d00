/**
 * /billing/invoices/:invoiceId: an issued invoice or cancellation as a
 * printable page (issue 18), with print, PDF and CSV download, and — for an
 * invoice in force — its cancellation (Storno) as a new document with a
 * reason. An issued document itself is never changed.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import type { Invoice } from '../../../../shared/src/api/invoices.js'
import { Limits } from '../../../../shared/src/limits.js'
import { invoiceApi, invoiceCsvUrl, invoicePdfUrl } from '../../api/invoiceEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { formatDate } from '../format.js'
import { InvoiceLines } from './InvoiceLines.js'
import { formatMonth } from './money.js'
import './billing.css'

function CancelForm({ invoice, onCancelled }: { invoice: Invoice; onCancelled: (cancellation: Invoice) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onCancelled((await invoiceApi.cancel(invoice.id, reason.trim())).data.invoice)
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="form invoice-cancel" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('billing.cancel.heading')}</h2>
      <p className="meta">{t('billing.cancel.help')}</p>
      <label htmlFor={`${id}-reason`}>{t('billing.cancel.reason')}</label>
      <input id={`${id}-reason`} value={reason} maxLength={Limits.maxFundingTextLength} required onChange={(event) => setReason(event.target.value)} data-testid="billing.cancel-reason" />
      <button type="submit" disabled={busy || reason.trim() === ''} data-testid="billing.cancel">
        {t('billing.cancel.submit', { number: invoice.number })}
      </button>
      <ErrorAlert message={error} testId="billing.cancel-error" />
    </form>
  )
}

export function InvoiceScreen() {
  const { t, i18n } = useTranslation()
  const { invoiceId = '' } = useParams()
  const navigate = useNavigate()
  const [invoice, setInvoice] = useState<Invoice | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    invoiceApi
      .invoice(invoiceId)
      .then(({ data }) => current && setInvoice(data.invoice))
      .catch((err: unknown) => current && setError(errorText(t, err)))
    return () => {
      current = false
    }
  }, [invoiceId, t])

  if (invoice === null) {
    return error === null ? <p role="status">{t('app.loading')}</p> : <ErrorAlert message={error} testId="billing.invoice-error" />
  }
  const title = t(invoice.kind === 'invoice' ? 'billing.invoice.title' : 'billing.invoice.cancellationTitle', { number: invoice.number })
  return (
    <article className="invoice-document" data-testid="billing.invoice" aria-labelledby="invoice-title">
      <p className="invoice-controls">
        <Link to="/billing">{t('billing.back')}</Link>
      </p>
      <address className="invoice-recipient">
        {invoice.fundingBody.name}
        {invoice.fundingBody.address === '' ? null : (
          <>
            <br />
            {invoice.fundingBody.address}
          </>
        )}
      </address>
      <h1 id="invoice-title" data-testid="billing.invoice-number">
        {title}
      </h1>
      <dl className="invoice-facts">
        <dt>{t('billing.invoice.date')}</dt>
        <dd>{formatDate(invoice.issuedAt.slice(0, 10), i18n.language)}</dd>
        <dt>{t('billing.invoice.period')}</dt>
        <dd>{formatMonth(invoice.month, i18n.language)}</dd>
        {invoice.cancels === null ? null : (
          <>
            <dt>{t('billing.invoice.cancels')}</dt>
            <dd>
              <Link to={`/billing/invoices/${invoice.cancels.id}`}>{invoice.cancels.number}</Link> — {invoice.reason}
            </dd>
          </>
        )}
        {invoice.cancelledBy === null ? null : (
          <>
            <dt>{t('billing.invoice.cancelledBy')}</dt>
            <dd data-testid="billing.cancelled-by">
              <Link to={`/billing/invoices/${invoice.cancelledBy.id}`}>{invoice.cancelledBy.number}</Link>
            </dd>
          </>
        )}
      </dl>
      <InvoiceLines lines={invoice.lines} currency={invoice.currency} totalCents={invoice.totalCents} caption={title} />
      <p className="meta">{t('billing.invoice.footer', { name: invoice.issuedByName, until: formatDate(invoice.retainUntil, i18n.language) })}</p>
      <div className="invoice-controls button-row">
        <button type="button" onClick={() => window.print()} data-testid="billing.print">
          {t('billing.print')}
        </button>
        <a href={invoicePdfUrl(invoice.id)} download data-testid="billing.pdf">
          {t('billing.pdf')}
        </a>
        <a href={invoiceCsvUrl(invoice.id)} download data-testid="billing.csv">
          {t('billing.csv')}
        </a>
      </div>
      {invoice.kind === 'invoice' && invoice.cancelledBy === null ? (
        <div className="invoice-controls">
          <CancelForm invoice={invoice} onCancelled={(cancellation) => void navigate(`/billing/invoices/${cancellation.id}`)} />
        </div>
      ) : null}
    </article>
  )
}
