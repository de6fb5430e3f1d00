/**
 * The data-protection part of a case (issue 10): a coach closes the case
 * after the final report and may erase it on request; the coachee (or a
 * coach on their behalf) downloads everything Fallbuch holds about them
 * (GDPR Art. 15) as JSON or as a readable page to print. The server enforces
 * every rule; this panel only offers what the caller may do.
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { can } from '../../../../../shared/src/policy/actions.js'
import { api, caseExportUrl } from '../../../api/endpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { FormalTerm } from '../../../components/FormalTerm.js'
import { forgetCase } from '../../../sync/forgetCase.js'
import { errorText } from '../../errorText.js'
import { formatDate, formatDateTime } from '../../format.js'

interface Props {
  detail: CaseDetail
  userId: string
  /** Whether the final report's required parts have text (closing needs it). */
  reportWritten: boolean | undefined
  offline: boolean
  onChanged: () => void
}

/** Download links of one coachee's data export. */
function ExportLinks({ caseId, memberId, name }: { caseId: string; memberId?: string; name?: string }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language.startsWith('en') ? 'en' : i18n.language === 'de-CH' ? 'de-CH' : 'de'
  // The readable page shows times in the reader's own zone.
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone
  const own = memberId === undefined
  const testId = memberId ?? 'own'
  return (
    <li>
      <span>
        {name !== undefined ? <span className="export-for">{name}: </span> : null}
        <a href={caseExportUrl(caseId, { format: 'json', memberId })} download data-testid={`data.export-json.${testId}`}>
          {own ? (
            // The coachee's own words first, the format's name as secondary text (issue 16).
            <>
              {t('plain.data.exportJson')}
              <FormalTerm term={t('plain.data.exportJsonTerm')} />
            </>
          ) : (
            t('dataProtection.exportJson')
          )}
        </a>
        {' · '}
        <a href={caseExportUrl(caseId, { format: 'html', lang, tz, memberId })} target="_blank" rel="noopener" data-testid={`data.export-html.${testId}`}>
          {t(own ? 'plain.data.exportHtml' : 'dataProtection.exportHtml')}
        </a>
      </span>
    </li>
  )
}

export function DataProtectionPanel({ detail, userId, reportWritten, offline, onChanged }: Props) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const id = useId()
  const [step, setStep] = useState<'idle' | 'confirmClose' | 'confirmErase'>('idle')
  const [understood, setUnderstood] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const role = detail.myRole
  const closed = detail.closedAt !== null
  // The coachee's plain words (issue 16).
  const plain = role === 'coachee'
  // A coach exports for every coachee of the case; the coachee only their own data.
  const exportsForOthers = can(role, 'export.read', { isSelf: false })
  const coachees = detail.members.filter((member) => member.role === 'coachee')

  const close = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.closeCase(detail.id)
      setStep('idle')
      onChanged()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const erase = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await api.eraseCase(detail.id)
      await forgetCase(userId, detail.id)
      await navigate('/', { state: { notice: t('dataProtection.erasedNotice', { title: detail.title }) } })
    } catch (err) {
      setError(errorText(t, err))
      setBusy(false)
    }
  }

  return (
    <div className="stack" data-testid="data.panel">
      <section aria-labelledby={`${id}-status`}>
        <h3 id={`${id}-status`}>{t(plain ? 'plain.data.statusHeading' : 'dataProtection.statusHeading')}</h3>
        {closed && detail.closedAt !== null ? (
          <p data-testid="data.closed">
            {t('dataProtection.closedOn', { date: formatDateTime(detail.closedAt, i18n.language) })}{' '}
            {detail.erasesAt !== null ? t('dataProtection.erasesOn', { date: formatDate(detail.erasesAt.slice(0, 10), i18n.language) }) : null}
          </p>
        ) : (
          <p data-testid="data.open">{t(plain ? 'plain.data.openCase' : 'dataProtection.openCase')}</p>
        )}
        {can(role, 'case.close', { caseClosed: closed }) ? (
          step === 'confirmClose' ? (
            <div role="group" aria-labelledby={`${id}-close-q`} className="confirm">
              <p id={`${id}-close-q`}>{t('dataProtection.closeQuestion')}</p>
              <button type="button" onClick={() => void close()} disabled={busy || offline} data-testid="data.close-confirm">
                {t('dataProtection.closeConfirm')}
              </button>{' '}
              <button type="button" onClick={() => setStep('idle')} disabled={busy}>
                {t('dataProtection.cancel')}
              </button>
            </div>
          ) : (
            <>
              <button
                type="button"
                onClick={() => setStep('confirmClose')}
                disabled={busy || offline || reportWritten !== true}
                aria-describedby={`${id}-close-help`}
                data-testid="data.close"
              >
                {t('dataProtection.close')}
              </button>
              <p id={`${id}-close-help`} className="meta">
                {t(reportWritten === true ? 'dataProtection.closeHelp' : 'dataProtection.closeNeedsReport')}
              </p>
            </>
          )
        ) : null}
      </section>

      <section aria-labelledby={`${id}-export`}>
        <h3 id={`${id}-export`}>{t(exportsForOthers ? 'dataProtection.exportHeadingCoach' : 'dataProtection.exportHeadingOwn')}</h3>
        {exportsForOthers ? (
          <p className="meta">{t('dataProtection.exportHelp')}</p>
        ) : (
          <p className="meta">
            {t('plain.data.exportHelp')}
            <FormalTerm term={t('plain.data.exportTerm')} />
          </p>
        )}
        {exportsForOthers ? (
          coachees.length > 0 ? (
            <ul className="plain-list">
              {coachees.map((member) => (
                <ExportLinks key={member.id} caseId={detail.id} memberId={member.id} name={member.name} />
              ))}
            </ul>
          ) : (
            <p>{t('dataProtection.noCoachee')}</p>
          )
        ) : (
          <ul className="plain-list">
            <ExportLinks caseId={detail.id} />
          </ul>
        )}
      </section>

      {can(role, 'case.erase') ? (
        <section aria-labelledby={`${id}-erase`}>
          <h3 id={`${id}-erase`}>{t('dataProtection.eraseHeading')}</h3>
          <p className="meta">{t('dataProtection.eraseHelp')}</p>
          {step === 'confirmErase' ? (
            <div role="group" aria-labelledby={`${id}-erase-q`} className="confirm danger">
              <p id={`${id}-erase-q`}>{t('dataProtection.eraseQuestion', { title: detail.title })}</p>
              <label>
                <input type="checkbox" checked={understood} onChange={(event) => setUnderstood(event.target.checked)} data-testid="data.erase-understood" />{' '}
                {t('dataProtection.eraseUnderstood')}
              </label>
              <div>
                <button type="button" className="danger" onClick={() => void erase()} disabled={!understood || busy || offline} data-testid="data.erase-confirm">
                  {t('dataProtection.eraseConfirm')}
                </button>{' '}
                <button type="button" onClick={() => setStep('idle')} disabled={busy}>
                  {t('dataProtection.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="danger"
              onClick={() => {
                setUnderstood(false)
                setStep('confirmErase')
              }}
              disabled={busy || offline}
              data-testid="data.erase"
            >
              {t('dataProtection.erase')}
            </button>
          )}
        </section>
      ) : null}
      <ErrorAlert message={error} testId="data.error" />
    </div>
  )
}
