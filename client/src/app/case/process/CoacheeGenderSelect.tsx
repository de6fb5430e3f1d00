/**
 * The coachee's gender for the annual statistics (issue 22): a scalar in
 * the notes meta, which only coaches receive; nothing else shows it.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { CoacheeGender, CoacheeGenders, setCoacheeGender } from '../../../../../shared/src/caseDocument/coacheeGender.js'
import { localEdit } from '../../../sync/docUndo.js'

export function CoacheeGenderSelect({ notesDoc, gender, writable }: { notesDoc: Y.Doc; gender: CoacheeGender | undefined; writable: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const change = (value: string): void => {
    const parsed = CoacheeGender.safeParse(value)
    localEdit(notesDoc, 'notes', () => setCoacheeGender(notesDoc, parsed.success ? parsed.data : undefined))
  }
  return (
    <div className="field process-gender">
      <label htmlFor={`${id}-gender`}>{t('process.gender.label')}</label>{' '}
      <select id={`${id}-gender`} value={gender ?? ''} disabled={!writable} aria-describedby={`${id}-help`} onChange={(event) => change(event.target.value)} data-testid="process.gender">
        <option value="">{t('process.gender.none')}</option>
        {CoacheeGenders.map((value) => (
          <option key={value} value={value}>
            {t(`process.gender.${value}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="meta">
        {t('process.gender.help')}
      </p>
    </div>
  )
}
