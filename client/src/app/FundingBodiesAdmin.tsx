import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { FundingBodyKinds, type FundingBody, type FundingBodyKind } from '../../../shared/src/api/funding.js'
import { Limits } from '../../../shared/src/limits.js'
import { fundingApi } from '../api/fundingEndpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { errorText } from './errorText.js'

interface BodyFields {
  kind: FundingBodyKind
  name: string
  address: string
  contact: string
}

const emptyFields: BodyFields = { kind: 'integrationOffice', name: '', address: '', contact: '' }

/** The fields of a funding body, for adding one and for changing one. */
function BodyForm({ initial, submitLabel, testId, onSubmit, onCancel }: { initial: BodyFields; submitLabel: string; testId: string; onSubmit: (fields: BodyFields) => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [fields, setFields] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof BodyFields>(key: K, value: BodyFields[K]): void => setFields((previous) => ({ ...previous, [key]: value }))
  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await onSubmit(fields)
      if (onCancel === undefined) {
        setFields(emptyFields)
      }
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)} data-testid={testId}>
      <label htmlFor={`${id}-kind`}>{t('fundingAdmin.kind')}</label>
      <select id={`${id}-kind`} value={fields.kind} onChange={(event) => set('kind', event.target.value as FundingBodyKind)} data-testid="funding-admin.kind">
        {FundingBodyKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`fundingWords.kind.${kind}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-name`}>{t('fundingAdmin.name')}</label>
      <input id={`${id}-name`} required maxLength={Limits.maxFundingNameLength} value={fields.name} onChange={(event) => set('name', event.target.value)} data-testid="funding-admin.name" />
      <label htmlFor={`${id}-address`}>{t('fundingAdmin.address')}</label>
      <textarea id={`${id}-address`} maxLength={Limits.maxFundingTextLength} value={fields.address} onChange={(event) => set('address', event.target.value)} data-testid="funding-admin.address" />
      <label htmlFor={`${id}-contact`}>{t('fundingAdmin.contact')}</label>
      <textarea id={`${id}-contact`} maxLength={Limits.maxFundingTextLength} value={fields.contact} onChange={(event) => set('contact', event.target.value)} data-testid="funding-admin.contact" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="funding-admin.submit">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('fundingAdmin.cancel')}
          </button>
        ) : null}
      </div>
      <ErrorAlert message={error} testId="funding-admin.error" />
    </form>
  )
}

/** The admin screen's directory of funding bodies (issue 18): add, change, deactivate, delete an unused one. */
export function FundingBodiesAdmin() {
  const { t } = useTranslation()
  const id = useId()
  const [bodies, setBodies] = useState<FundingBody[] | null>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const load = useCallback(() => {
    fundingApi
      .fundingBodies()
      .then(({ data }) => setBodies(data.fundingBodies))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])
  useEffect(load, [load])

  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    setError(null)
    setNotice(null)
    try {
      await action()
      setNotice(done)
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="funding-admin">
      <h2 id={`${id}-h`}>{t('fundingAdmin.heading')}</h2>
      <p>{t('fundingAdmin.intro')}</p>
      <h3>{t('fundingAdmin.addHeading')}</h3>
      <BodyForm
        initial={emptyFields}
        submitLabel={t('fundingAdmin.add')}
        testId="funding-admin.create"
        onSubmit={async (fields) => {
          await fundingApi.createFundingBody(fields)
          setNotice(t('fundingAdmin.added', { name: fields.name }))
          load()
        }}
      />
      <p role="status" className="meta" data-testid="funding-admin.notice">
        {notice}
      </p>
      <ErrorAlert message={error} testId="funding-admin.list-error" />
      <ul className="plain-list" data-testid="funding-admin.list">
        {(bodies ?? []).map((body) => (
          <li key={body.id} className="card" data-testid="funding-admin.body" data-active={String(body.active)}>
            {editing === body.id ? (
              <BodyForm
                initial={{ kind: body.kind, name: body.name, address: body.address, contact: body.contact }}
                submitLabel={t('fundingAdmin.save')}
                testId="funding-admin.edit"
                onCancel={() => setEditing(null)}
                onSubmit={async (fields) => {
                  await fundingApi.updateFundingBody(body.id, fields)
                  setEditing(null)
                  load()
                }}
              />
            ) : (
              <>
                <p>
                  <strong>{body.name}</strong> — {t(`fundingWords.kind.${body.kind}`)}
                  {body.active ? null : <span className="badge"> {t('fundingAdmin.inactive')}</span>}
                </p>
                {body.address !== '' ? <p className="pre-line">{body.address}</p> : null}
                {body.contact !== '' ? <p className="meta pre-line">{body.contact}</p> : null}
                <div className="button-row">
                  <button type="button" onClick={() => setEditing(body.id)}>
                    {t('fundingAdmin.edit')}
                    <span className="visually-hidden">: {body.name}</span>
                  </button>
                  <button
                    type="button"
                    onClick={() => void run(() => fundingApi.updateFundingBody(body.id, { active: !body.active }), t(body.active ? 'fundingAdmin.deactivated' : 'fundingAdmin.reactivated', { name: body.name }))}
                  >
                    {t(body.active ? 'fundingAdmin.deactivate' : 'fundingAdmin.reactivate')}
                    <span className="visually-hidden">: {body.name}</span>
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(t('fundingAdmin.confirmDelete', { name: body.name }))) {
                        void run(() => fundingApi.deleteFundingBody(body.id), t('fundingAdmin.deleted', { name: body.name }))
                      }
                    }}
                  >
                    {t('fundingAdmin.delete')}
                    <span className="visually-hidden">: {body.name}</span>
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
