/**
 * The Austrittsformular (issue 19, profile A11): filled in with the person
 * at the closing talk — exit date, reason, where the person can turn next
 * (RAV, Sozialamt, Pro Infirmis, IV-Stelle, other) and the handover. Saved
 * in the notes (tandem only), printed from the browser; the recorded form is
 * what prints, the inputs do not.
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import type * as Y from 'yjs'
import { ExitFollowUps, ExitReasons, readExitForm, setExitForm, type ExitFollowUp, type ExitReason } from '../../../../shared/src/caseDocument/exitForm.js'
import { planMeta } from '../../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../../shared/src/limits.js'
import { localToday } from '../../../../shared/src/process/dates.js'
import { formatDate } from '../format.js'
import { CoachOnlyGate } from '../report/ReportScreen.js'
import { useDocsVersion, useReportRooms } from '../report/useReportRooms.js'

function ExitFormEditor({ notes }: { notes: Y.Doc }) {
  const { t } = useTranslation()
  const id = useId()
  const recorded = readExitForm(notes)
  const [date, setDate] = useState(recorded.date ?? localToday())
  const [reason, setReason] = useState<ExitReason | ''>(recorded.reason ?? '')
  const [followUps, setFollowUps] = useState<ExitFollowUp[]>(recorded.followUps ?? [])
  const [other, setOther] = useState(recorded.otherFollowUp ?? '')
  const [handover, setHandover] = useState(recorded.handover ?? '')
  const [notice, setNotice] = useState<string | null>(null)
  const toggle = (option: ExitFollowUp, on: boolean): void => {
    setFollowUps((list) => (on ? ExitFollowUps.filter((entry) => entry === option || list.includes(entry)) : list.filter((entry) => entry !== option)))
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setExitForm(notes, {
      ...(date ? { date } : {}),
      ...(reason ? { reason } : {}),
      followUps,
      otherFollowUp: followUps.includes('other') ? other.trim() : '',
      handover: handover.trim(),
    })
    setNotice(t('exitForm.saved'))
  }
  return (
    <form className="form card no-print" onSubmit={submit} data-testid="exit.form">
      <label htmlFor={`${id}-date`}>{t('accompanimentWords.headings.exitDate')}</label>
      <input id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} data-testid="exit.date" />
      <label htmlFor={`${id}-reason`}>{t('accompanimentWords.headings.exitReason')}</label>
      <select id={`${id}-reason`} value={reason} onChange={(event) => setReason(event.target.value as ExitReason | '')} data-testid="exit.reason">
        <option value="">{t('exitForm.chooseReason')}</option>
        {ExitReasons.map((value) => (
          <option key={value} value={value}>
            {t(`accompanimentWords.exitReason.${value}`)}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('accompanimentWords.headings.exitFollowUps')}</legend>
        {ExitFollowUps.map((option) => (
          <label key={option} className="checkbox">
            <input type="checkbox" checked={followUps.includes(option)} onChange={(event) => toggle(option, event.target.checked)} data-testid={`exit.follow-up-${option}`} />{' '}
            {t(`accompanimentWords.exitFollowUp.${option}`)}
          </label>
        ))}
      </fieldset>
      {followUps.includes('other') ? (
        <>
          <label htmlFor={`${id}-other`}>{t('accompanimentWords.headings.otherFollowUp')}</label>
          <input id={`${id}-other`} maxLength={Limits.maxShortTextLength} value={other} onChange={(event) => setOther(event.target.value)} data-testid="exit.other" />
        </>
      ) : null}
      <label htmlFor={`${id}-handover`}>{t('accompanimentWords.headings.handover')}</label>
      <textarea id={`${id}-handover`} maxLength={Limits.maxOutcomeTextLength} value={handover} onChange={(event) => setHandover(event.target.value)} data-testid="exit.handover" />
      <div className="button-row">
        <button type="submit" className="primary" data-testid="exit.save">
          {t('exitForm.save')}
        </button>
      </div>
      <p role="status" className="meta">
        {notice}
      </p>
    </form>
  )
}

function ExitFormRecord({ notes, title }: { notes: Y.Doc; title: string }) {
  const { t, i18n } = useTranslation()
  const form = readExitForm(notes)
  const none = '—'
  return (
    <article className="report-doc" data-testid="exit.record">
      <h2>
        {t('accompanimentWords.headings.exitForm')}: {title}
      </h2>
      <dl className="exit-facts">
        <dt>{t('accompanimentWords.headings.exitDate')}</dt>
        <dd data-testid="exit.record-date">{form.date ? formatDate(form.date, i18n.language) : none}</dd>
        <dt>{t('accompanimentWords.headings.exitReason')}</dt>
        <dd data-testid="exit.record-reason">{form.reason ? t(`accompanimentWords.exitReason.${form.reason}`) : none}</dd>
        <dt>{t('accompanimentWords.headings.exitFollowUps')}</dt>
        <dd data-testid="exit.record-follow-ups">
          {(form.followUps ?? []).length > 0
            ? (form.followUps ?? []).map((option) => (option === 'other' && form.otherFollowUp ? form.otherFollowUp : t(`accompanimentWords.exitFollowUp.${option}`))).join(', ')
            : none}
        </dd>
        <dt>{t('accompanimentWords.headings.handover')}</dt>
        <dd className="pre-line" data-testid="exit.record-handover">
          {form.handover?.trim() ? form.handover : none}
        </dd>
      </dl>
      <p className="exit-signatures">{t('exitForm.signatures')}</p>
    </article>
  )
}

export function ExitFormScreen() {
  const { t } = useTranslation()
  const { caseId = '' } = useParams()
  const rooms = useReportRooms(caseId)
  useDocsVersion(rooms.plan.room?.doc ?? null, rooms.notes.room?.doc ?? null)
  const writable = rooms.notes.snapshot?.writable ?? false
  const caseLink = `/cases/${encodeURIComponent(caseId)}`
  return (
    <CoachOnlyGate rooms={rooms}>
      {(plan, notes) => {
        const title = planMeta(plan).get('title')
        return (
          <div className="stack report" data-testid="exit.page">
            <Link to={caseLink} className="back-link">
              ← {t('report.back')}
            </Link>
            <h1>{t('accompanimentWords.headings.exitForm')}</h1>
            <p className="meta no-print">{t('exitForm.intro')}</p>
            <div className="report-actions">
              <button type="button" onClick={() => window.print()} data-testid="exit.print">
                {t('report.print')}
              </button>
            </div>
            {writable ? <ExitFormEditor notes={notes} /> : null}
            <ExitFormRecord notes={notes} title={title === undefined || title === null ? '' : String(title)} />
          </div>
        )
      }}
    </CoachOnlyGate>
  )
}
