/**
 * /billing (issue 18): for the coaches of a case and staff with the billing
 * flag. Choose a funding body and a month, see the draft built from the
 * months the employer or the coachee confirmed (with the months left out and
 * why), issue it, and find the issued invoices and cancellations. The
 * server decides which cases a caller bills (the action policy's
 * `invoices.read` / `invoices.issue`); an employer or a coachee never gets
 * here (no link; the server refuses).
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import type { FundingBody } from '../../../../shared/src/api/funding.js'
import type { InvoiceDraft, InvoiceSummary } from '../../../../shared/src/api/invoices.js'
import { ApiError } from '../../api/errors.js'
import { fundingApi } from '../../api/fundingEndpoints.js'
import { invoiceApi } from '../../api/invoiceEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { InvoiceLines } from './InvoiceLines.js'
import { formatMoney, formatMonth, previousMonth } from './money.js'
import './billing.css'

function DraftView({ draft, onIssued }: { draft: InvoiceDraft; onIssued: (id: string) => void }) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const issue = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      onIssued((await invoiceApi.issue({ fundingBodyId: draft.fundingBody.id, month: draft.month, digest: draft.digest })).data.invoice.id)
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }
  return (
    <section aria-labelledby="billing-draft-heading" data-testid="billing.draft">
      <h2 id="billing-draft-heading">{t('billing.draft.heading', { body: draft.fundingBody.name, month: formatMonth(draft.month, i18n.language) })}</h2>
      {draft.lines.length > 0 ? <InvoiceLines lines={draft.lines} currency={draft.currency} totalCents={draft.totalCents} caption={t('billing.draft.caption')} /> : null}
      {draft.excluded.length > 0 ? (
        <>
          <h3>{t('billing.draft.excludedHeading')}</h3>
          <ul data-testid="billing.excluded">
            {draft.excluded.map((entry) => (
              <li key={entry.caseId}>
                {t('billing.fileNumber', { fileNumber: entry.fileNumber === '' ? '—' : entry.fileNumber })} {entry.initials}: {t(`billing.excluded.${entry.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {draft.problems.map((problem) => (
        <p key={problem} className="notice" data-testid={`billing.problem-${problem}`}>
          {t(`billing.problem.${problem}`)}
        </p>
      ))}
      {draft.problems.length === 0 ? (
        <button type="button" onClick={() => void issue()} disabled={busy} data-testid="billing.issue">
          {t('billing.draft.issue')}
        </button>
      ) : null}
      <ErrorAlert message={error} testId="billing.issue-error" />
    </section>
  )
}

function IssuedList({ invoices }: { invoices: readonly InvoiceSummary[] }) {
  const { t, i18n } = useTranslation()
  if (invoices.length === 0) {
    return <p>{t('billing.list.empty')}</p>
  }
  return (
    <ul className="plain-list" data-testid="billing.issued">
      {invoices.map((invoice) => (
        <li key={invoice.id}>
          <Link to={`/billing/invoices/${invoice.id}`}>
            {t(invoice.kind === 'invoice' ? 'billing.invoice.title' : 'billing.invoice.cancellationTitle', { number: invoice.number })}
          </Link>{' '}
          · {invoice.fundingBody.name} · {formatMonth(invoice.month, i18n.language)} · {formatMoney(invoice.totalCents, invoice.currency, i18n.language)}
          {invoice.cancelledBy === null ? null : ` · ${t('billing.list.cancelled', { number: invoice.cancelledBy.number })}`}
        </li>
      ))}
    </ul>
  )
}

export function BillingScreen() {
  const { t } = useTranslation()
  const id = useId()
  const navigate = useNavigate()
  const [bodies, setBodies] = useState<FundingBody[]>([])
  const [bodyId, setBodyId] = useState('')
  const [month, setMonth] = useState(previousMonth(new Date()))
  const [draft, setDraft] = useState<InvoiceDraft | null>(null)
  const [invoices, setInvoices] = useState<InvoiceSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  /** The server said this account bills no case: an explanation, not an error. */
  const [notBilling, setNotBilling] = useState(false)

  useEffect(() => {
    let current = true
    Promise.all([fundingApi.fundingBodies(), invoiceApi.list()])
      .then(([directory, issued]) => {
        if (current) {
          setBodies(directory.data.fundingBodies)
          setBodyId((chosen) => chosen || (directory.data.fundingBodies[0]?.id ?? ''))
          setInvoices(issued.data.invoices)
        }
      })
      .catch((err: unknown) => {
        if (!current) {
          return
        }
        if (err instanceof ApiError && err.reason === 'invoicesCoachesOrBilling') {
          setNotBilling(true)
        } else {
          setError(errorText(t, err))
        }
      })
    return () => {
      current = false
    }
  }, [t])

  const showDraft = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      setDraft((await invoiceApi.draft(bodyId, month)).data.draft)
    } catch (err) {
      setDraft(null)
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  if (notBilling) {
    return (
      <div className="billing-screen">
        <h1>{t('billing.heading')}</h1>
        <p data-testid="billing.not-billing">{t('billing.notBilling')}</p>
      </div>
    )
  }

  return (
    <div className="billing-screen">
      <h1>{t('billing.heading')}</h1>
      <p className="meta">{t('billing.intro')}</p>
      {invoices !== null && bodies.length === 0 ? (
        <p data-testid="billing.no-bodies">{t('billing.noBodies')}</p>
      ) : null}
      <form className="billing-form" onSubmit={(event) => void showDraft(event)} aria-label={t('billing.form')}>
        <div>
          <label htmlFor={`${id}-body`}>{t('billing.fundingBody')}</label>
          <select id={`${id}-body`} value={bodyId} onChange={(event) => setBodyId(event.target.value)} required data-testid="billing.body">
            {bodies.map((body) => (
              <option key={body.id} value={body.id}>
                {body.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-month`}>{t('billing.month')}</label>
          <input id={`${id}-month`} type="month" value={month} required onChange={(event) => setMonth(event.target.value)} data-testid="billing.month" />
        </div>
        <button type="submit" disabled={busy || bodyId === '' || !/^\d{4}-\d{2}$/.test(month)} data-testid="billing.show-draft">
          {t('billing.showDraft')}
        </button>
      </form>
      <ErrorAlert message={error} testId="billing.error" />
      {draft === null ? null : <DraftView key={draft.digest} draft={draft} onIssued={(invoiceId) => void navigate(`/billing/invoices/${invoiceId}`)} />}
      <section aria-labelledby="billing-issued-heading">
        <h2 id="billing-issued-heading">{t('billing.list.heading')}</h2>
        {invoices === null ? null : <IssuedList invoices={invoices} />}
      </section>
    </div>
  )
}
