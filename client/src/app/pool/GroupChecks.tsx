/** Which evidence or details each group still lacks (shared/src/pool/groups.ts), and the keeping-qualified state. */
import { useTranslation } from 'react-i18next'
import type { GroupCheck, QualifiedYear } from '../../../../shared/src/api/pool.js'
import { MinimumCasesOrReports } from '../../../../shared/src/pool/groups.js'

/**
 * `finalReports`: the anonymised final reports that count toward group 2's
 * five (confirmed by the office, or made in Fallbuch from a closed case:
 * groups.ts countedFinalReports), shown with group 2.
 */
export function GroupChecks({ checks, finalReports }: { checks: readonly GroupCheck[]; finalReports?: number }) {
  const { t } = useTranslation()
  return (
    <ul className="stack" data-testid="pool.group-checks">
      {checks.map((check) => (
        <li key={check.group} data-testid={`pool.group-check-${check.group}`}>
          <strong>{t(`pool.group.${check.group}`)}</strong>: {check.met ? t('pool.checks.met') : t('pool.checks.missing')}
          {check.group === 'group2' && finalReports !== undefined ? (
            <p className="meta" data-testid="pool.final-report-count">
              {t('pool.checks.finalReports', { count: finalReports, needed: MinimumCasesOrReports })}
            </p>
          ) : null}
          {check.met ? null : (
            <ul>
              {check.missing.map((requirement) => (
                <li key={requirement}>{t(`pool.requirement.${requirement}`)}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  )
}

export function QualifiedSummary({ qualified }: { qualified: QualifiedYear }) {
  const { t } = useTranslation()
  return (
    <div className="stack" data-testid="pool.qualified">
      <p>
        {t('pool.qualified.summary', { year: qualified.year, trainings: qualified.trainings, supervisions: qualified.supervisions, inFallbuch: qualified.supervisionsInFallbuch })}
      </p>
      {qualified.reminders.length > 0 ? (
        <ul className="warnings" aria-label={t('pool.qualified.reminders')}>
          {qualified.reminders.map((reminder) => (
            <li key={reminder}>{t(`pool.reminder.${reminder}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('pool.qualified.onTrack')}</p>
      )}
    </div>
  )
}
