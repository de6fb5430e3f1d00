import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Limits } from '../../../shared/src/limits.js'
import { errorText } from './errorText.js'
import { ErrorAlert } from '../components/ErrorAlert.js'

/** What a credentials form collects; fields it does not ask for stay ''. */
export interface Credentials {
  name: string
  email: string
  password: string
}

/** A field of the form; the order is always name, e-mail, password. */
export type CredentialField = keyof Credentials

/** data-testid values of the form's parts (the e2e tests' locators). */
export interface CredentialTestIds {
  name?: string
  email?: string
  password?: string
  submit: string
  error: string
}

/** Props of {@link CredentialsForm}. */
export interface CredentialsFormProps {
  /** The fields asked for, in this order: name, e-mail, password. */
  fields: readonly CredentialField[]
  /**
   * `current`: a login (the browser fills the saved password); `new`: a
   * password being set, with the minimum length enforced and its rule
   * shown under the field and announced with it (the default).
   */
  passwordKind?: 'current' | 'new'
  /** Labels instead of the common ones (credentials.name, .email, .password). */
  labels?: Partial<Record<CredentialField, string>>
  /** A note under the password field (e.g. "every other session ends"), announced with it. */
  passwordHint?: string
  /** An account for someone else (an admin's form): the browser offers none of the user's own saved entries. */
  forSomeoneElse?: boolean
  submitLabel: string
  testIds: CredentialTestIds
  /**
   * Sends the values. An error it throws is shown in the form; to handle
   * one otherwise (an invalid link), catch it and return.
   */
  onSubmit: (values: Credentials) => Promise<void>
  /** Empties the fields after a successful submit (a form that stays on screen). */
  clearOnSuccess?: boolean
  /** Focuses the first field when the form appears (a form the user just opened). */
  focusFirst?: boolean
  /** A success message under the fields (role=status), or null. */
  notice?: { text: string; testId: string } | null
  /** Content before the fields: a heading, an intro, a field of the screen's own (setup token). */
  children?: ReactNode
  /** Content after the fields (a checkbox). */
  extra?: ReactNode
  /** A button beside the submit button (cancel). */
  secondary?: ReactNode
  id?: string
  className?: string
  /** The id of the element that names the form. */
  labelledBy?: string
}

/**
 * The one form for names, e-mail addresses and passwords: login, first
 * setup, invitation accept, password reset and the admin's account forms.
 * It holds the values, disables the button while sending, shows a refusal
 * (role=alert, tied to the fields with aria-describedby) and the password
 * rule from Limits.
 */
export function CredentialsForm(props: CredentialsFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [values, setValues] = useState<Credentials>({ name: '', email: '', password: '' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { fields, passwordKind = 'new', testIds } = props
  const errorId = `${id}-error`
  const labels: Record<CredentialField, string> = {
    name: props.labels?.name ?? t('credentials.name'),
    email: props.labels?.email ?? t('credentials.email'),
    password: props.labels?.password ?? t('credentials.password'),
  }
  const someoneElse = props.forSomeoneElse === true

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await props.onSubmit(values)
      if (props.clearOnSuccess === true) {
        setValues({ name: '', email: '', password: '' })
      }
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  /** The ids that describe a field: its own notes, and the refusal while one is shown. */
  const describedBy = (...own: string[]): string | undefined => {
    const ids = [...own, ...(error ? [errorId] : [])]
    return ids.length > 0 ? ids.join(' ') : undefined
  }
  const common = (field: CredentialField) => ({
    id: `${id}-${field}`,
    required: true,
    autoFocus: props.focusFirst === true && field === fields[0],
    value: values[field],
    onChange: (event: { target: { value: string } }) => setValues((previous) => ({ ...previous, [field]: event.target.value })),
    'aria-invalid': error ? true : undefined,
    'data-testid': testIds[field],
  })
  const passwordNotes = [...(passwordKind === 'new' ? [`${id}-rule`] : []), ...(props.passwordHint ? [`${id}-hint`] : [])]

  return (
    <form id={props.id} onSubmit={(event) => void handleSubmit(event)} className={props.className ?? 'form'} aria-labelledby={props.labelledBy}>
      {props.children}
      {fields.includes('name') ? (
        <>
          <label htmlFor={`${id}-name`}>{labels.name}</label>
          <input {...common('name')} autoComplete={someoneElse ? 'off' : 'name'} maxLength={Limits.maxNameLength} aria-describedby={describedBy()} />
        </>
      ) : null}
      {fields.includes('email') ? (
        <>
          <label htmlFor={`${id}-email`}>{labels.email}</label>
          <input {...common('email')} type="email" autoComplete={someoneElse ? 'off' : 'username'} maxLength={Limits.maxEmailLength} aria-describedby={describedBy()} />
        </>
      ) : null}
      {fields.includes('password') ? (
        <>
          <label htmlFor={`${id}-password`}>{labels.password}</label>
          <input
            {...common('password')}
            type="password"
            autoComplete={passwordKind === 'new' ? 'new-password' : 'current-password'}
            minLength={passwordKind === 'new' ? Limits.minPasswordLength : undefined}
            maxLength={Limits.maxPasswordLength}
            aria-describedby={describedBy(...passwordNotes)}
          />
          {passwordKind === 'new' ? <small id={`${id}-rule`}>{t('credentials.passwordRule', { min: Limits.minPasswordLength })}</small> : null}
          {props.passwordHint ? <small id={`${id}-hint`}>{props.passwordHint}</small> : null}
        </>
      ) : null}
      {props.extra}
      <ErrorAlert message={error} testId={testIds.error} id={errorId} />
      {props.notice ? (
        <p role="status" className="notice" data-testid={props.notice.testId}>
          {props.notice.text}
        </p>
      ) : null}
      {props.secondary ? (
        <div className="row">
          <SubmitButton busy={busy} label={props.submitLabel} testId={testIds.submit} />
          {props.secondary}
        </div>
      ) : (
        <SubmitButton busy={busy} label={props.submitLabel} testId={testIds.submit} />
      )}
    </form>
  )
}

function SubmitButton({ busy, label, testId }: { busy: boolean; label: string; testId: string }) {
  return (
    <button type="submit" className="primary" disabled={busy} data-testid={testId}>
      {label}
    </button>
  )
}
