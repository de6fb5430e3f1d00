import { useTranslation } from 'react-i18next'
import type { Member } from '../../../../../shared/src/api/cases.js'
import type { ReleaseRecipientKind } from '../../../../../shared/src/api/releases.js'

export interface RecipientMemberPickerProps {
  idPrefix: string
  members: readonly Member[]
  recipientKind: ReleaseRecipientKind
  /** The chosen member's id, or '' for someone outside Fallbuch. */
  value: string
  /** Receives the chosen member's id, or '' for someone outside Fallbuch. */
  onMemberId: (memberId: string) => void
  /** Receives the chosen member's name, so the recipient's name is filled in (never cleared: it may have been typed). */
  onRecipientName: (name: string) => void
  /** The coachee's plain words, or the coach's. */
  plain: boolean
  testIdPrefix: string
}

/**
 * Whether a release towards an employer names the employer's representative
 * who is a member of the case (`recipientMemberId`): only then does that
 * person see the release in Fallbuch (issue 16). Shown only for the kind
 * "Arbeitgeber*in" when the case has such a member; the coachee's form and
 * the coach's form both offer it.
 */
export function RecipientMemberPicker({ idPrefix, members, recipientKind, value, onMemberId, onRecipientName, plain, testIdPrefix }: RecipientMemberPickerProps) {
  const { t } = useTranslation()
  const employers = members.filter((member) => member.role === 'employer')
  if (recipientKind !== 'employer' || employers.length === 0) {
    return null
  }
  const words = plain ? 'releases.member.plain' : 'releases.member'
  return (
    <>
      <label htmlFor={`${idPrefix}-recipientMember`}>{t(`${words}.label`)}</label>
      <p id={`${idPrefix}-recipientMember-hint`} className="meta">
        {t(`${words}.hint`)}
      </p>
      <select
        id={`${idPrefix}-recipientMember`}
        value={value}
        aria-describedby={`${idPrefix}-recipientMember-hint`}
        onChange={(event) => {
          const member = employers.find((candidate) => candidate.id === event.target.value)
          onMemberId(member?.id ?? '')
          if (member !== undefined) {
            onRecipientName(member.name)
          }
        }}
        data-testid={`${testIdPrefix}.recipientMember`}
      >
        <option value="">{t(`${words}.outside`)}</option>
        {employers.map((member) => (
          <option key={member.id} value={member.id}>
            {t('releases.member.option', { name: member.name })}
          </option>
        ))}
      </select>
    </>
  )
}
