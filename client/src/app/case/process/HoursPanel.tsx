import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { Member } from '../../../../../shared/src/api/cases.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { addHoursEntry, removeHoursEntry, type HoursEntry } from '../../../../../shared/src/caseDocument/notes.js'
import { Phases, type Phase } from '../../../../../shared/src/caseDocument/plan.js'
import { HoursCategories, type HoursCategory } from '../../../../../shared/src/caseDocument/hoursCategories.js'
import { localToday } from '../../../../../shared/src/process/dates.js'
import { summariseHours } from '../../../../../shared/src/process/hours.js'
import { formatDate, localeOf } from '../../format.js'
import { newId } from '../../newId.js'
import { useRemovalUndo } from '../../../editor/RemovalNotice.js'
import { EntryListSection, RemoveEntryButton } from './EntryList.js'
import { UndoScope } from '../../../editor/UndoScope.js'
import { localEdit } from '../../../sync/docUndo.js'
import { isDateLocked } from '../../../../../shared/src/hoursProof/monthLock.js'
import { useLockedMonths } from '../hoursProof/useLockedMonths.js'
import { CorrectionForm } from '../hoursProof/CorrectionForm.js'
import { HoursLogActions } from '../hoursProof/HoursLogActions.js'

export interface HoursPanelProps {
  notesDoc: Y.Doc
  entries: readonly HoursEntry[]
  /** The plan's hours budget (Zeitkontingent), if agreed. */
  budget: number | undefined
  currentPhase: Phase
  /** The signed-in coach: new entries are theirs. */
  userId: string
  members: readonly Member[]
  writable: boolean
}

function formatHours(hours: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 }).format(hours)
}

/** "Stunden": log hours, see them per coach and phase against the budget. */
export function HoursPanel({ notesDoc, entries, budget, currentPhase, userId, members, writable }: HoursPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [date, setDate] = useState(localToday())
  const [hours, setHours] = useState('')
  const [activity, setActivity] = useState('')
  const [phase, setPhase] = useState<Phase | ''>(currentPhase)
  const [category, setCategory] = useState<HoursCategory>('atWorkplace')
  const [place, setPlace] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const removal = useRemovalUndo(notesDoc, 'notes', 'hours.removal')
  // Confirmed months are read-only (issue 18): the relay would refuse a change; corrections are new entries.
  const locked = useLockedMonths(notesDoc)
  const [correcting, setCorrecting] = useState<HoursEntry | null>(null)
  const lang = i18n.language
  const h = (value: number): string => formatHours(value, lang)
  const nameOf = (coachId: string): string => members.find((member) => member.userId === coachId)?.name ?? t('process.hours.unknownCoach')

  const summary = summariseHours(entries, budget)
  const percent = summary.ratio === null ? null : Number.isFinite(summary.ratio) ? Math.round(summary.ratio * 100) : 100

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setAdded(null)
    const amount = Number(hours.replace(',', '.'))
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setError(t('process.hours.dateRequired'))
      return
    }
    if (hours.trim() === '' || !Number.isFinite(amount) || amount <= 0 || amount > 24) {
      setError(t('process.hours.hoursInvalid'))
      return
    }
    if (activity.trim() === '') {
      setError(t('process.hours.activityRequired'))
      return
    }
    if (isDateLocked(locked, date)) {
      setError(t('proof.monthLockedAdd'))
      return
    }
    setError(null)
    localEdit(notesDoc, 'notes', () =>
      addHoursEntry(notesDoc, {
        id: newId(),
        date,
        hours: Math.round(amount * 100) / 100,
        activity: activity.trim().slice(0, 500),
        coachId: userId,
        ...(phase === '' ? {} : { phase }),
        category,
        ...(place.trim() === '' ? {} : { place: place.trim().slice(0, Limits.maxHoursPlaceLength) }),
      }),
    )
    setHours('')
    setActivity('')
    setAdded(t('process.hours.added', { hours: h(amount) }))
  }

  const sorted = [...entries].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1))
  return (
    <UndoScope doc={notesDoc} kind="notes">
      <div className="hours" data-testid="hours.panel">
        <section aria-labelledby={`${id}-sum`} className="hours-summary">
          <h3 id={`${id}-sum`}>{t('process.hours.summaryHeading')}</h3>
          <p data-testid="hours.total" data-total={summary.total} data-level={summary.level}>
            {summary.budget === null
              ? t('process.hours.totalNoBudget', { total: h(summary.total) })
              : t('process.hours.total', { total: h(summary.total), budget: h(summary.budget), percent })}
          </p>
          {summary.budget !== null && percent !== null ? (
            <div
              role="progressbar"
              aria-labelledby={`${id}-sum`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(percent, 100)}
              aria-valuetext={t('process.hours.total', { total: h(summary.total), budget: h(summary.budget), percent })}
              className={`hours-bar hours-${summary.level}`}
              data-testid="hours.progress"
            >
              <span style={{ width: `${Math.min(percent, 100)}%` }} />
            </div>
          ) : null}
          <div role="status">
            {summary.level === 'warning' || summary.level === 'over' ? (
              <p className={summary.level === 'over' ? 'alert' : 'notice warn'} data-testid="hours.warning" data-level={summary.level}>
                {t(`process.hours.level.${summary.level}`, { percent, remaining: h(Math.max(summary.remaining ?? 0, 0)) })}
              </p>
            ) : null}
            {summary.level === 'noBudget' ? <p className="meta">{t('process.hours.noBudget')}</p> : null}
          </div>
          <div className="hours-tables">
            <table className="hours-table" data-testid="hours.per-coach">
              <caption>{t('process.hours.perCoach')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('process.hours.coach')}</th>
                  <th scope="col">{t('process.hours.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.perCoach.length === 0 ? (
                  <tr>
                    <td colSpan={2}>{t('process.hours.none')}</td>
                  </tr>
                ) : (
                  summary.perCoach.map((row) => (
                    <tr key={row.coachId} data-coach-id={row.coachId}>
                      <th scope="row">{nameOf(row.coachId)}</th>
                      <td>{h(row.hours)}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
            <table className="hours-table" data-testid="hours.per-phase">
              <caption>{t('process.hours.perPhase')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('process.hours.phase')}</th>
                  <th scope="col">{t('process.hours.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.perPhase.map((row) => (
                  <tr key={row.phase} data-phase={row.phase}>
                    <th scope="row">{row.phase === 'none' ? t('process.hours.noPhase') : t(`phases.${row.phase}`)}</th>
                    <td>{h(row.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="hours-table" data-testid="hours.per-category">
              <caption>{t('process.hours.perCategory')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('process.hours.category')}</th>
                  <th scope="col">{t('process.hours.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.perCategory.map((row) => (
                  <tr key={row.category} data-category={row.category}>
                    <th scope="row">{row.category === 'none' ? t('process.hours.noCategory') : t(`fundingWords.hoursCategory.${row.category}`)}</th>
                    <td>{h(row.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        {writable ? (
          <form className="card hours-form" onSubmit={submit} aria-labelledby={`${id}-add`} noValidate>
            <h3 id={`${id}-add`}>{t('process.hours.addHeading')}</h3>
            <div className="grid">
              <div className="field">
                <label htmlFor={`${id}-date`}>{t('process.hours.date')}</label>
                <input id={`${id}-date`} type="date" required value={date} onChange={(event) => setDate(event.target.value)} data-testid="hours.date" />
              </div>
              <div className="field">
                <label htmlFor={`${id}-hours`}>{t('process.hours.hoursLabel')}</label>
                <input
                  id={`${id}-hours`}
                  type="number"
                  inputMode="decimal"
                  min={0.25}
                  max={24}
                  step={0.25}
                  required
                  value={hours}
                  onChange={(event) => setHours(event.target.value)}
                  data-testid="hours.hours"
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-phase`}>{t('process.hours.phase')}</label>
                <select id={`${id}-phase`} value={phase} onChange={(event) => setPhase(event.target.value as Phase | '')} data-testid="hours.phase">
                  {Phases.map((entry) => (
                    <option key={entry} value={entry}>
                      {t(`phases.${entry}`)}
                    </option>
                  ))}
                  <option value="">{t('process.hours.noPhase')}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-category`}>{t('process.hours.category')}</label>
                <select id={`${id}-category`} value={category} onChange={(event) => setCategory(event.target.value as HoursCategory)} data-testid="hours.category">
                  {HoursCategories.map((entry) => (
                    <option key={entry} value={entry}>
                      {t(`fundingWords.hoursCategory.${entry}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-place`}>{t('process.hours.place')}</label>
                <input id={`${id}-place`} maxLength={Limits.maxHoursPlaceLength} value={place} onChange={(event) => setPlace(event.target.value)} data-testid="hours.place" />
              </div>
              <div className="field field-wide">
                <label htmlFor={`${id}-activity`}>{t('process.hours.activity')}</label>
                <input
                  id={`${id}-activity`}
                  required
                  maxLength={Limits.maxHoursActivityLength}
                  value={activity}
                  onChange={(event) => setActivity(event.target.value)}
                  data-testid="hours.activity"
                />
              </div>
            </div>
            {error ? (
              <p role="alert" className="alert" data-testid="hours.error">
                {error}
              </p>
            ) : null}
            <button type="submit" className="primary" data-testid="hours.add">
              {t('process.hours.add')}
            </button>
            <p role="status" className="meta">
              {added ?? ''}
            </p>
          </form>
        ) : null}

        <EntryListSection heading={t('process.hours.logHeading')} notice={removal.notice} empty={sorted.length === 0} emptyText={t('process.hours.none')}>
          <div className="table-scroll">
            <table className="hours-table hours-log">
              <thead>
                <tr>
                  <th scope="col">{t('process.hours.date')}</th>
                  <th scope="col">{t('process.hours.coach')}</th>
                  <th scope="col">{t('process.hours.hours')}</th>
                  <th scope="col">{t('process.hours.activity')}</th>
                  <th scope="col">{t('process.hours.category')}</th>
                  <th scope="col">{t('process.hours.place')}</th>
                  <th scope="col">{t('process.hours.phase')}</th>
                  {writable ? <th scope="col">{t('process.hours.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {sorted.map((entry) => (
                  <tr
                    key={entry.id}
                    data-testid="hours.item"
                    data-coach-id={entry.coachId}
                    data-hours={entry.hours}
                    data-locked={isDateLocked(locked, entry.date) ? 'true' : 'false'}
                    data-correction={entry.correctionOf === undefined ? 'false' : 'true'}
                  >
                    <td>{formatDate(entry.date, lang)}</td>
                    <td>{nameOf(entry.coachId)}</td>
                    <td>{h(entry.hours)}</td>
                    <td>{entry.correctionOf === undefined ? entry.activity : <span className="badge">{t('proof.correctionWithReason', { reason: entry.reason ?? '' })}</span>}</td>
                    <td data-testid="hours.item-category">{entry.category ? t(`fundingWords.hoursCategory.${entry.category}`) : '—'}</td>
                    <td>{entry.place ?? '—'}</td>
                    <td>{entry.phase ? t(`phases.${entry.phase}`) : t('process.hours.noPhase')}</td>
                    {writable && isDateLocked(locked, entry.date) ? (
                      <td>
                        <HoursLogActions entry={entry} label={t('proof.correctEntry', { date: formatDate(entry.date, lang), hours: h(entry.hours) })} onCorrect={() => setCorrecting(entry)} />
                      </td>
                    ) : writable ? (
                      <td>
                        {entry.coachId === userId ? (
                          <RemoveEntryButton
                            label={t('process.hours.remove', { date: formatDate(entry.date, lang), hours: h(entry.hours) })}
                            onRemove={() =>
                              removal.remove(t('undo.hoursRemoved', { date: formatDate(entry.date, lang), hours: h(entry.hours) }), () =>
                                removeHoursEntry(notesDoc, entry.id),
                              )
                            }
                            testId="hours.remove"
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {writable && correcting !== null ? <CorrectionForm notesDoc={notesDoc} entry={correcting} userId={userId} onDone={() => setCorrecting(null)} /> : null}
        </EntryListSection>
      </div>
    </UndoScope>
  )
}
