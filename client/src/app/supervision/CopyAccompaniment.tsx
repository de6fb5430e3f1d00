/**
 * The accompaniment of a supervision copy (issue 19, A7–A9, A11), read-only
 * for the group: support intensity over time, the Standortgespräch schedule,
 * the crisis and incident log with its follow-ups, and the
 * Austrittsformular — weeks of the case instead of dates, every placeholder
 * highlighted. Shown only when the case has any of it.
 */
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CopyAccompaniment as CopyAccompanimentContent } from '../../../../shared/src/caseDocument/accompanimentCopy.js'
import { weekLabel } from '../../../../shared/src/caseDocument/supervisionCopy.js'
import { Highlighted } from './Highlighted.js'
import { StackedFacts } from './StackedFacts.js'

/** Whether a copy's accompaniment holds anything to show. */
export function hasAccompaniment(content: CopyAccompanimentContent): boolean {
  return (
    content.supportIntensity.length > 0 ||
    content.incidents.length > 0 ||
    content.progressEveryWeeks !== undefined ||
    Object.values(content.exitForm).some((value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
  )
}

function ExitForm({ exit }: { exit: CopyAccompanimentContent['exitForm'] }) {
  const { t } = useTranslation()
  const id = useId()
  const rows: Array<[string, ReactNode]> = []
  if (exit.week !== undefined) {
    rows.push([t('accompanimentWords.headings.exitDate'), <Highlighted key="week" text={weekLabel(exit.week)} />])
  }
  if (exit.reason) {
    rows.push([t('accompanimentWords.headings.exitReason'), t(`accompanimentWords.exitReason.${exit.reason}`)])
  }
  if (exit.followUps && exit.followUps.length > 0) {
    rows.push([t('accompanimentWords.headings.exitFollowUps'), exit.followUps.map((followUp) => t(`accompanimentWords.exitFollowUp.${followUp}`)).join(', ')])
  }
  if (exit.otherFollowUp) {
    rows.push([t('accompanimentWords.headings.otherFollowUp'), <Highlighted key="other" text={exit.otherFollowUp} />])
  }
  if (exit.handover) {
    rows.push([t('accompanimentWords.headings.handover'), <Highlighted key="handover" text={exit.handover} />])
  }
  if (rows.length === 0) {
    return null
  }
  return (
    <section aria-labelledby={`${id}-h`} data-testid="supervision.copy-exit">
      <h4 id={`${id}-h`}>{t('accompanimentWords.headings.exitForm')}</h4>
      <StackedFacts rows={rows} />
    </section>
  )
}

export function CopyAccompaniment({ content }: { content: CopyAccompanimentContent }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section aria-labelledby={`${id}-h`} data-testid="supervision.copy-accompaniment">
      <h3 id={`${id}-h`}>{t('supervision.copy.accompaniment')}</h3>
      <h4>{t('accompanimentWords.headings.supportIntensity')}</h4>
      {content.supportIntensity.length === 0 ? (
        <p>{t('accompaniment.intensityNone')}</p>
      ) : (
        <ul data-testid="supervision.copy-intensity">
          {content.supportIntensity.map((entry, index) => (
            <li key={index}>
              {entry.fromWeek !== undefined ? (
                <>
                  <Highlighted text={weekLabel(entry.fromWeek)} />:{' '}
                </>
              ) : null}
              {t(`accompanimentWords.supportLevel.${entry.level}`)}
              {entry.hoursPerWeek !== undefined ? ` (${entry.hoursPerWeek} ${t('accompanimentWords.headings.hoursPerWeek')})` : ''}
              {entry.note ? (
                <>
                  {' – '}
                  <Highlighted text={entry.note} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('accompaniment.progressHeading')}</h4>
      <p data-testid="supervision.copy-progress-schedule">
        {content.progressEveryWeeks === undefined ? t('supervision.copy.noProgressSchedule') : t('supervision.copy.progressEvery', { count: content.progressEveryWeeks })}
      </p>
      <h4>{t('accompanimentWords.headings.incidents')}</h4>
      {content.incidents.length === 0 ? <p>{t('accompaniment.noIncidents')}</p> : null}
      {content.incidents.map((incident) => (
        <div key={incident.id} className="copy-entry" data-testid="supervision.copy-incident">
          <p>
            <strong>
              {incident.week !== undefined ? (
                <>
                  <Highlighted text={weekLabel(incident.week)} />
                  {' – '}
                </>
              ) : null}
              {t(`accompanimentWords.incidentKind.${incident.kind}`)}
            </strong>
          </p>
          {incident.description ? (
            <p>
              <Highlighted text={incident.description} />
            </p>
          ) : null}
          {incident.reportedTo ? (
            <p>
              {t('accompanimentWords.headings.reportedTo')}: <Highlighted text={incident.reportedTo} />
            </p>
          ) : null}
          <p>{t('accompanimentWords.headings.followUps')}:</p>
          {incident.followUps.length === 0 ? (
            <p>{t('accompaniment.noFollowUps')}</p>
          ) : (
            <ul>
              {incident.followUps.map((followUp, index) => (
                <li key={index}>
                  <Highlighted text={followUp.text} />
                  {followUp.dueWeek !== undefined ? (
                    <>
                      {' '}({t('accompanimentWords.headings.due')} <Highlighted text={weekLabel(followUp.dueWeek)} />)
                    </>
                  ) : null}
                  {' – '}
                  {t(followUp.done ? 'accompanimentWords.headings.done' : 'accompanimentWords.headings.open')}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <ExitForm exit={content.exitForm} />
    </section>
  )
}
