/**
 * The Swiss three-party agreement's parts in the plan (issue 19, A6): what
 * the employer commits to, the contact person in the company, pay, how
 * colleagues are involved and informed, kind and intensity of the coach's
 * contacts. Merging text fields (contract §8.1) for whoever may change them
 * (coaches; the employer while co-editing is on); read-only for the rest,
 * in plain words for the coachee. Shown under the Swiss flow, and wherever
 * a part was filled in.
 */
import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { AgreementPartKeys, hasAgreementParts, planAgreementParts, PlanAgreementPartsMap, readAgreementParts } from '../../../../shared/src/caseDocument/agreementParts.js'
import type { CaseFlow } from '../../../../shared/src/api/cases.js'
import { Limits } from '../../../../shared/src/limits.js'
import type { CaseRole } from '../../../../shared/src/policy/access.js'
import { mayChangePath } from '../../../../shared/src/policy/documentEdits.js'
import { FieldPresenceContext } from '../../editor/fieldPresence.js'
import { UndoScope } from '../../editor/UndoScope.js'
import { YTextField } from '../../editor/YTextField.js'
import { useYVersion } from '../../hooks/useYVersion.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'

export function AgreementPartsSection({ room, writable, role, flow, plain }: { room: CaseRoom; writable: boolean; role: CaseRole; flow: CaseFlow; plain: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const { doc, provider } = room
  const map = useMemo(() => planAgreementParts(doc), [doc])
  const version = useYVersion(map)
  const parts = useMemo(() => {
    void version
    return readAgreementParts(doc)
  }, [doc, version])
  if (flow !== 'ch' && !hasAgreementParts(parts)) {
    return null
  }
  const editable = writable && !plain && mayChangePath('plan', role, { root: PlanAgreementPartsMap })
  const words = plain ? 'agreementParts.plain' : 'agreementParts.label'
  return (
    <section aria-labelledby={`${id}-h`} className={`agreement-parts${plain ? ' plain-view' : ''}`} data-testid="plan.agreement-parts">
      <h3 id={`${id}-h`}>{t(plain ? 'agreementParts.plainHeading' : 'agreementParts.heading')}</h3>
      <p className="meta">{t(plain ? 'agreementParts.plainIntro' : 'agreementParts.intro')}</p>
      {editable ? (
        <FieldPresenceContext.Provider value={provider.awareness}>
          <UndoScope doc={doc} kind="plan">
            <div className="grid">
              {AgreementPartKeys.map((key) => (
                <div className="field field-wide" key={key}>
                  <label htmlFor={`${id}-${key}`}>{t(`${words}.${key}`)}</label>
                  <YTextField
                    doc={doc}
                    map={map}
                    field={key}
                    kind="plan"
                    fieldId={`agreementParts:${key}`}
                    multiline
                    editable
                    id={`${id}-${key}`}
                    maxLength={Limits.maxShortTextLength}
                    data-testid={`plan.agreement-part.${key}`}
                  />
                </div>
              ))}
            </div>
          </UndoScope>
        </FieldPresenceContext.Provider>
      ) : (
        <dl>
          {AgreementPartKeys.map((key) => (
            <div key={key}>
              <dt>{t(`${words}.${key}`)}</dt>
              <dd className="preserve-lines" data-testid={`plan.agreement-part-text.${key}`}>
                {parts[key].trim() === '' ? t(plain ? 'plain.empty' : 'planDoc.notSet') : parts[key]}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}
