/**
 * The placement parts of a supervision copy (issue 19, A4–A6), read-only for
 * the group: the three-party agreement's parts as the plan labels them, and
 * the application and contact log — employers and people as placeholders,
 * weeks of the case instead of dates. Each part only when the case has it.
 */
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AgreementPartKeys } from '../../../../shared/src/caseDocument/agreementParts.js'
import type { CopyJobSearchEntry, CopyPlacement as CopyPlacementContent } from '../../../../shared/src/caseDocument/placementCopy.js'
import { weekLabel } from '../../../../shared/src/caseDocument/supervisionCopy.js'
import { Highlighted } from './Highlighted.js'
import { StackedFacts } from './StackedFacts.js'

function AgreementParts({ parts }: { parts: CopyPlacementContent['agreementParts'] }) {
  const { t } = useTranslation()
  const id = useId()
  const filled = AgreementPartKeys.filter((key) => (parts[key] ?? '').trim() !== '')
  if (filled.length === 0) {
    return null
  }
  return (
    <section aria-labelledby={`${id}-h`} data-testid="supervision.copy-agreement-parts">
      <h3 id={`${id}-h`}>{t('agreementParts.heading')}</h3>
      <dl className="copy-stacked">
        {filled.map((key) => (
          <div key={key}>
            <dt>{t(`agreementParts.label.${key}`)}</dt>
            <dd className="plan-text">
              <Highlighted text={parts[key] ?? ''} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function SearchEntry({ entry }: { entry: CopyJobSearchEntry }) {
  const { t } = useTranslation()
  const rows: Array<[string, ReactNode]> = [[t('jobSearch.field.placementKind'), t(`jobSearch.placementKind.${entry.placementKind}`)]]
  if (entry.contactPerson) {
    rows.push([t('jobSearch.field.contactPerson'), <Highlighted key="contact" text={entry.contactPerson} />])
  }
  if (entry.nextStep) {
    rows.push([
      t('jobSearch.field.nextStep'),
      <span key="next">
        <Highlighted text={entry.nextStep} />
        {entry.nextStepWeek !== undefined ? (
          <>
            {' ('}
            <Highlighted text={weekLabel(entry.nextStepWeek)} />)
          </>
        ) : null}
      </span>,
    ])
  }
  if (entry.interviewWeek !== undefined) {
    rows.push([t('jobSearch.field.interviewOn'), <Highlighted key="interview" text={weekLabel(entry.interviewWeek)} />])
  }
  if (entry.interviewPreparation) {
    rows.push([t('jobSearch.field.interviewPreparation'), <Highlighted key="preparation" text={entry.interviewPreparation} />])
  }
  if (entry.accompaniedByCoach) {
    rows.push([t('jobSearch.interviewLegend'), t('jobSearch.accompanied')])
  }
  return (
    <li className="copy-entry" data-testid="supervision.copy-job-search-entry">
      <p>
        <strong>
          {entry.week !== undefined ? (
            <>
              <Highlighted text={weekLabel(entry.week)} />
              {' – '}
            </>
          ) : null}
          {t(`jobSearch.kind.${entry.kind}`)}: <Highlighted text={entry.employer} />
          {entry.position ? (
            <>
              {', '}
              <Highlighted text={entry.position} />
            </>
          ) : null}
        </strong>{' '}
        – {t('jobSearch.field.status')}: {t(`jobSearch.status.${entry.status}`)}
      </p>
      <StackedFacts rows={rows} />
    </li>
  )
}

export function CopyPlacement({ content }: { content: CopyPlacementContent }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <>
      <AgreementParts parts={content.agreementParts} />
      {content.jobSearch.length > 0 ? (
        <section aria-labelledby={`${id}-search`} data-testid="supervision.copy-job-search">
          <h3 id={`${id}-search`}>{t('supervision.copy.jobSearch')}</h3>
          <ul className="copy-entries">
            {content.jobSearch.map((entry) => (
              <SearchEntry key={entry.id} entry={entry} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
