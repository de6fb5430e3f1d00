import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { RecordReleaseBody, ReleaseRecipientKinds, type ReleaseRecipientKind } from '../../../../../shared/src/api/releases.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { useUser } from '../../AuthContext.js'
import { errorText } from '../../errorText.js'
import { RecipientMemberPicker } from './RecipientMemberPicker.js'

export interface OwnReleaseFormProps {
  detail: CaseDetail
  today: string
  offline: boolean
  onRecorded: () => void
}

/**
 * The coachee, or their legal guardian for them, gives a release from
 * confidentiality in the app (issue 16, policy `releases.giveOwn`): in plain
 * words — with whom the coaches may talk (a person or organisation, also
 * outside Fallbuch), about what, from when until when — and a confirmation.
 * The formal term stays beside the heading.
 */
export function OwnReleaseForm({ detail, today, offline, onRecorded }: OwnReleaseFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const user = useUser()
  const me = detail.members.find((member) => member.userId === user.id)
  const coachee = detail.members.find((member) => member.role === 'coachee')
  const forCoachee = me?.role === 'guardian' && coachee !== undefined
  const [releasedParty, setReleasedParty] = useState(() => t('releases.own.releasedDefault'))
  const [recipientKind, setRecipientKind] = useState<ReleaseRecipientKind>('doctor')
  const [recipientName, setRecipientName] = useState('')
  const [recipientMemberId, setRecipientMemberId] = useState('')
  const [purpose, setPurpose] = useState('')
  const [validFrom, setValidFrom] = useState(today)
  const [validUntil, setValidUntil] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (me === undefined) {
    return null
  }

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    setStatus(null)
    if (!confirmed) {
      setError(t('releases.own.confirmFirst'))
      return
    }
    const parsed = RecordReleaseBody.safeParse({
      releasorMemberId: me.id,
      releasedParty,
      recipientKind,
      recipientName,
      ...(recipientKind === 'employer' && recipientMemberId !== '' ? { recipientMemberId } : {}),
      purpose,
      validFrom,
      ...(validUntil !== '' ? { validUntil } : {}),
      evidence: 'inApp',
    })
    if (!parsed.success) {
      setError(t('releases.own.incomplete'))
      return
    }
    setBusy(true)
    try {
      await api.recordRelease(detail.id, parsed.data)
      setStatus(t('releases.own.given', { recipient: recipientName }))
      setRecipientName('')
      setRecipientMemberId('')
      setPurpose('')
      setValidUntil('')
      setConfirmed(false)
      onRecorded()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const field = (name: string, label: string, input: ReactNode, hint?: string) => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {hint !== undefined ? (
        <p id={`${id}-${name}-hint`} className="meta">
          {hint}
        </p>
      ) : null}
      {input}
    </>
  )
  const text = (name: string, value: string, set: (value: string) => void, hint?: boolean) => (
    <input
      id={`${id}-${name}`}
      value={value}
      maxLength={Limits.maxReleaseTextLength}
      aria-describedby={hint ? `${id}-${name}-hint` : undefined}
      onChange={(event) => set(event.target.value)}
      data-testid={`releases.own.${name}`}
    />
  )
  const day = (name: string, value: string, set: (value: string) => void, hint?: boolean) => (
    <input
      id={`${id}-${name}`}
      type="date"
      value={value}
      aria-describedby={hint ? `${id}-${name}-hint` : undefined}
      onChange={(event) => set(event.target.value)}
      data-testid={`releases.own.${name}`}
    />
  )

  return (
    <form className="form card" aria-labelledby={`${id}-h`} onSubmit={(event) => void handleSubmit(event)} data-testid="releases.own">
      <h4 id={`${id}-h`}>
        {forCoachee ? t('releases.own.headingFor', { coachee: coachee.name }) : t('releases.own.heading')}{' '}
        <small className="meta formal-term">({t('releases.own.formal')})</small>
      </h4>
      {field(
        'recipientKind',
        t('releases.own.recipientKind'),
        <select id={`${id}-recipientKind`} value={recipientKind} onChange={(event) => setRecipientKind(event.target.value as ReleaseRecipientKind)} data-testid="releases.own.recipientKind">
          {ReleaseRecipientKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`releases.kind.${kind}`)}
            </option>
          ))}
        </select>,
      )}
      <RecipientMemberPicker
        idPrefix={id}
        members={detail.members}
        recipientKind={recipientKind}
        value={recipientMemberId}
        onMemberId={setRecipientMemberId}
        onRecipientName={setRecipientName}
        plain
        testIdPrefix="releases.own"
      />
      {field('recipientName', t('releases.own.recipientName'), text('recipientName', recipientName, setRecipientName, true), t('releases.own.recipientHint'))}
      {field('purpose', t('releases.own.purpose'), text('purpose', purpose, setPurpose, true), t('releases.own.purposeHint'))}
      {field('releasedParty', t('releases.own.releasedParty'), text('releasedParty', releasedParty, setReleasedParty))}
      {field('validFrom', t('releases.own.validFrom'), day('validFrom', validFrom, setValidFrom))}
      {field('validUntil', t('releases.own.validUntil'), day('validUntil', validUntil, setValidUntil, true), t('releases.own.validUntilHint'))}
      <div className="checkbox">
        <input id={`${id}-confirm`} type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} data-testid="releases.own.confirm" />
        <label htmlFor={`${id}-confirm`}>{t(forCoachee ? 'releases.own.confirmFor' : 'releases.own.confirm', { coachee: coachee?.name ?? '' })}</label>
      </div>
      <p role="status" className={status ? 'notice success' : undefined} data-testid="releases.own.status">
        {status}
      </p>
      <ErrorAlert message={error} testId="releases.own.error" />
      <button type="submit" disabled={offline || busy} data-testid="releases.own.submit">
        {t('releases.own.submit')}
      </button>
    </form>
  )
}
