import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { Limits } from '../../../../../shared/src/limits.js'
import { profileTextMap, type ProfileTextMapName } from '../../../../../shared/src/caseDocument/profile.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { YTextField } from '../../../editor/YTextField.js'

export interface ProfileTextGroupProps {
  doc: Y.Doc
  name: ProfileTextMapName
  keys: readonly string[]
  editable: boolean
  /** The coachee's plain words first, the professional term beside them. */
  plain: boolean
}

/** One text map of the profile (wishes, competences): a labelled, merging text field per key. */
export function ProfileTextGroup({ doc, name, keys, editable, plain }: ProfileTextGroupProps) {
  const { t } = useTranslation()
  const id = useId()
  const map = profileTextMap(doc, name)
  return (
    <section aria-labelledby={`${id}-h`} className="stack profile-group" data-testid={`profile.${name}`}>
      <SectionHeading id={`${id}-h`} section={name} plain={plain} readOnly={!editable} />
      {keys.map((key) => {
        const label = t(`profileWords.${name}.${key}.${plain ? 'plain' : 'label'}`)
        const value = map.get(key)
        if (!editable && (value === undefined || String(value).trim() === '')) {
          return (
            <div className="field" key={key}>
              <span className="label">{label}</span>
              <p className="meta" data-testid={`profile.${name}.${key}`}>
                {t('profile.empty')}
              </p>
            </div>
          )
        }
        return (
          <div className="field" key={key}>
            <label htmlFor={`${id}-${key}`}>
              {label}
              {plain ? <FormalTerm term={t(`profileWords.${name}.${key}.label`)} /> : null}
            </label>
            <YTextField
              doc={doc}
              map={map}
              field={key}
              kind="profile"
              fieldId={`${name}:${key}`}
              multiline
              rows={2}
              editable={editable}
              id={`${id}-${key}`}
              maxLength={Limits.maxProfileTextLength}
              data-testid={`profile.${name}.${key}`}
            />
          </div>
        )
      })}
    </section>
  )
}

/** A section's heading: the professional name, or the plain words with the term beside; marked when read-only. */
export function SectionHeading({ id, section, plain, readOnly }: { id: string; section: string; plain: boolean; readOnly: boolean }) {
  const { t } = useTranslation()
  return (
    <h4 id={id}>
      {t(`profileWords.sections.${section}.${plain ? 'plain' : 'label'}`)}
      {plain ? <FormalTerm term={t(`profileWords.sections.${section}.label`)} /> : null}
      {readOnly ? <span className="badge">{t('profile.readOnly')}</span> : null}
    </h4>
  )
}
