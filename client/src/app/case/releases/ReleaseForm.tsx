import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { RecordReleaseBody, ReleaseRecipientKinds, type ReleaseRecipientKind } from '../../../../../shared/src/api/releases.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { api } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { errorText } from '../../errorText.js'
import { RecipientMemberPicker } from './RecipientMemberPicker.js'

export interface ReleaseFormProps {
  detail: CaseDetail
  today: string
  offline: boolean
  onRecorded: () => void
}

/** A coach records a release the coachee (or their guardian) signed on paper (issue 16). */
export function ReleaseForm({ detail, today, offline, onRecorded }: ReleaseFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const releasors = detail.members.filter((member) => member.role === 'coachee' || member.role === 'guardian')
  const [releasor, setReleasor] = useState(releasors[0]?.id ?? '')
  const [releasedParty, setReleasedParty] = useState('')
  const [recipientKind, setRecipientKind] = useState<ReleaseRecipientKind>('doctor')
  const [recipientName, setRecipientName] = useState('')
  const [recipientMemberId, setRecipientMemberId] = useState('')
  const [purpose, setPurpose] = useState('')
  const [validFrom, setValidFrom] = useState(today)
  const [validUntil, setValidUntil] = useState('')
  const [signedOn, setSignedOn] = useState(today)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (releasors.length === 0) {
    return (
      <p className="meta" data-testid="releases.noReleasor">
        {t('releases.form.noReleasor')}
      </p>
    )
  }

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    setStatus(null)
    const parsed = RecordReleaseBody.safeParse({
      releasorMemberId: releasor,
      releasedParty,
      recipientKind,
      recipientName,
      ...(recipientKind === 'employer' && recipientMemberId !== '' ? { recipientMemberId } : {}),
      purpose,
      validFrom,
      ...(validUntil !== '' ? { validUntil } : {}),
      evidence: 'signedForm',
      signedOn,
    })
    if (!parsed.success) {
      setError(t('releases.form.incomplete'))
      return
    }
    setBusy(true)
    try {
      await api.recordRelease(detail.id, parsed.data)
      setStatus(t('releases.form.recorded', { recipient: recipientName }))
      setReleasedParty('')
      setRecipientName('')
      setRecipientMemberId('')
      setPurpose('')
      setValidUntil('')
      onRecorded()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const text = (name: string, label: string, value: string, set: (value: string) => void) => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} value={value} maxLength={Limits.maxReleaseTextLength} onChange={(event) => set(event.target.value)} data-testid={`releases.form.${name}`} />
    </>
  )
  const day = (name: string, label: string, value: string, set: (value: string) => void) => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type="date" value={value} onChange={(event) => set(event.target.value)} data-testid={`releases.form.${name}`} />
    </>
  )

  return (
    <form className="form card" aria-labelledby={`${id}-h`} onSubmit={(event) => void handleSubmit(event)} data-testid="releases.form">
      <h4 id={`${id}-h`}>{t('releases.form.heading')}</h4>
      <label htmlFor={`${id}-releasor`}>{t('releases.form.releasor')}</label>
      <select id={`${id}-releasor`} value={releasor} onChange={(event) => setReleasor(event.target.value)} data-testid="releases.form.releasor">
        {releasors.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name} ({t(`roles.${member.role}`)})
          </option>
        ))}
      </select>
      {text('releasedParty', t('releases.form.releasedParty'), releasedParty, setReleasedParty)}
      <label htmlFor={`${id}-kind`}>{t('releases.form.recipientKind')}</label>
      <select id={`${id}-kind`} value={recipientKind} onChange={(event) => setRecipientKind(event.target.value as ReleaseRecipientKind)} data-testid="releases.form.recipientKind">
        {ReleaseRecipientKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`releases.kind.${kind}`)}
          </option>
        ))}
      </select>
      <RecipientMemberPicker
        idPrefix={id}
        members={detail.members}
        recipientKind={recipientKind}
        value={recipientMemberId}
        onMemberId={setRecipientMemberId}
        onRecipientName={setRecipientName}
        plain={false}
        testIdPrefix="releases.form"
      />
      {text('recipientName', t('releases.form.recipientName'), recipientName, setRecipientName)}
      {text('purpose', t('releases.form.purpose'), purpose, setPurpose)}
      {day('validFrom', t('releases.form.validFrom'), validFrom, setValidFrom)}
      {day('validUntil', t('releases.form.validUntil'), validUntil, setValidUntil)}
      {day('signedOn', t('releases.form.signedOn'), signedOn, setSignedOn)}
      <p role="status" className={status ? 'notice success' : undefined} data-testid="releases.form.status">
        {status}
      </p>
      <ErrorAlert message={error} testId="releases.form.error" />
      <button type="submit" disabled={offline || busy} data-testid="releases.form.submit">
        {t('releases.form.submit')}
      </button>
    </form>
  )
}
