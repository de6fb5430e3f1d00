import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { Limits } from '../../../../../shared/src/limits.js'
import {
  ActionHorizons,
  ActionStatuses,
  addProfileEntry,
  emptyProfileEntry,
  profileList,
  ProfileLists,
  removeProfileEntry,
  setProfileEntryField,
  type ProfileListName,
} from '../../../../../shared/src/caseDocument/profile.js'
import { YTextField } from '../../../editor/YTextField.js'
import { localEdit, separateLocalEdit } from '../../../sync/docUndo.js'
import { newId } from '../../newId.js'
import { SectionHeading } from './ProfileTextGroup.js'

export interface ProfileEntryListProps {
  doc: Y.Doc
  name: ProfileListName
  editable: boolean
  plain: boolean
}

/** The i18n key of an entry field's label in the shared profile words. */
function fieldLabelKey(name: ProfileListName, key: string, plain: boolean): string {
  switch (name) {
    case 'career':
      return `profileWords.career.${key}`
    case 'actionPlan':
      return `profileWords.action.${key}`
    case 'occupations':
      return `profileWords.occupation.${key}.${plain ? 'plain' : 'label'}`
    case 'assessments':
      return `profileWords.assessment.${key}`
  }
}

/**
 * One list of the profile (career stations, the Handlungsplan, occupations,
 * experts' assessments): each entry's texts merge character-wise; whoever
 * may not change the list reads it as plain text.
 */
export function ProfileEntryList({ doc, name, editable, plain }: ProfileEntryListProps) {
  const { t } = useTranslation()
  const id = useId()
  const entries = profileList(doc, name)
    .toArray()
    .filter((entry): entry is Y.Map<unknown> => entry instanceof Y.Map)
  const textKeys = ProfileLists[name].textKeys
  const text = (entry: Y.Map<unknown>, key: string): string => {
    const value = entry.get(key)
    return value === undefined ? '' : String(value)
  }
  return (
    <section aria-labelledby={`${id}-h`} className="stack profile-group" data-testid={`profile.${name}`}>
      <SectionHeading id={`${id}-h`} section={name} plain={plain} readOnly={!editable} />
      {entries.length === 0 ? <p className="meta">{t('profile.empty')}</p> : null}
      {!editable && entries.length > 0 ? (
        <ul className="profile-entries">
          {entries.map((entry, index) => (
            <li key={String(entry.get('id') ?? index)} data-testid={`profile.${name}.entry`}>
              {textKeys
                .filter((key) => text(entry, key).trim() !== '')
                .map((key) => (
                  <span key={key} className="profile-entry-part">
                    <strong>{t(fieldLabelKey(name, key, plain))}:</strong> {text(entry, key)}{' '}
                  </span>
                ))}
              {name === 'actionPlan' ? (
                <span className="meta">
                  ({t(`profileWords.horizon.${text(entry, 'horizon')}`)}, {t(`profileWords.actionStatus.${text(entry, 'status')}`)})
                </span>
              ) : null}
              {name === 'assessments' && text(entry, 'date') !== '' ? <span className="meta"> {text(entry, 'date')}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable
        ? entries.map((entry, index) => {
            const entryId = String(entry.get('id') ?? index)
            const prefix = `${id}-${index}`
            const set = (key: string, value: string | undefined): void => localEdit(doc, 'profile', () => setProfileEntryField(doc, name, entryId, key, value))
            return (
              <fieldset key={entryId} className="stack profile-entry" data-testid={`profile.${name}.entry`}>
                <legend>{t('profile.entry', { number: index + 1 })}</legend>
                {textKeys.map((key) => (
                  <div className="field" key={key}>
                    <label htmlFor={`${prefix}-${key}`}>{t(fieldLabelKey(name, key, plain))}</label>
                    <YTextField
                      doc={doc}
                      map={entry}
                      field={key}
                      kind="profile"
                      fieldId={`${name}:${entryId}:${key}`}
                      multiline
                      rows={key === 'period' || key === 'title' || key === 'source' ? 1 : 2}
                      editable
                      id={`${prefix}-${key}`}
                      maxLength={Limits.maxProfileTextLength}
                      data-testid={`profile.${name}.${key}`}
                    />
                  </div>
                ))}
                {name === 'actionPlan' ? (
                  <>
                    <div className="field">
                      <label htmlFor={`${prefix}-horizon`}>{t('profileWords.action.horizon')}</label>
                      <select id={`${prefix}-horizon`} value={text(entry, 'horizon')} onChange={(event) => set('horizon', event.target.value)} data-testid="profile.actionPlan.horizon">
                        {ActionHorizons.map((horizon) => (
                          <option key={horizon} value={horizon}>
                            {t(`profileWords.horizon.${horizon}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor={`${prefix}-status`}>{t('profileWords.action.status')}</label>
                      <select id={`${prefix}-status`} value={text(entry, 'status')} onChange={(event) => set('status', event.target.value)} data-testid="profile.actionPlan.status">
                        {ActionStatuses.map((status) => (
                          <option key={status} value={status}>
                            {t(`profileWords.actionStatus.${status}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </>
                ) : null}
                {name === 'assessments' ? (
                  <div className="field">
                    <label htmlFor={`${prefix}-date`}>{t('profileWords.assessment.date')}</label>
                    <input
                      id={`${prefix}-date`}
                      type="date"
                      value={text(entry, 'date')}
                      onChange={(event) => set('date', event.target.value === '' ? undefined : event.target.value)}
                      data-testid="profile.assessments.date"
                    />
                  </div>
                ) : null}
                <div>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => separateLocalEdit(doc, 'profile', () => removeProfileEntry(doc, name, entryId))}
                    data-testid={`profile.${name}.remove`}
                  >
                    {t('profile.remove', { number: index + 1 })}
                  </button>
                </div>
              </fieldset>
            )
          })
        : null}
      {editable && entries.length < Limits.maxProfileEntries ? (
        <div>
          <button type="button" onClick={() => separateLocalEdit(doc, 'profile', () => addProfileEntry(doc, name, emptyProfileEntry(name, newId())))} data-testid={`profile.${name}.add`}>
            {t(`profile.add.${name}`)}
          </button>
        </div>
      ) : null}
    </section>
  )
}
