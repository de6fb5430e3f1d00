import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CompetenceKeys, WishKeys } from '../../../../shared/src/caseDocument/profile.js'
import type { CopyProfile as CopyProfileContent } from '../../../../shared/src/caseDocument/profileCopy.js'
import { weekLabel } from '../../../../shared/src/caseDocument/supervisionCopy.js'
import { Highlighted } from './Highlighted.js'

/** Labelled texts of one part, the empty ones left out. */
function Texts({ group, keys, values }: { group: 'wishes' | 'competences'; keys: readonly string[]; values: Partial<Record<string, string>> }) {
  const { t } = useTranslation()
  const filled = keys.filter((key) => (values[key] ?? '').trim() !== '')
  if (filled.length === 0) {
    return null
  }
  return (
    <dl>
      {filled.map((key) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{t(`profileWords.${group}.${key}.label`)}</dt>
          <dd>
            <Highlighted text={values[key] ?? ''} />
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** Entries as lines of highlighted parts. */
function Lines({ lines, testId }: { lines: string[][]; testId: string }) {
  return lines.length === 0 ? null : (
    <ul data-testid={testId}>
      {lines.map((parts, index) => (
        <li key={index}>
          {parts
            .filter((part) => part.trim() !== '')
            .map((part, partIndex) => (
              <span key={partIndex}>
                {partIndex > 0 ? ' – ' : null}
                <Highlighted text={part} />
              </span>
            ))}
        </li>
      ))}
    </ul>
  )
}

/** The anonymised occupational profile of a copy (issue 19: Vorabklärung, Berufsprofil). */
export function CopyProfile({ profile }: { profile: CopyProfileContent }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <section aria-labelledby={`${id}-h`} data-testid="supervision.copy-profile">
      <h3 id={`${id}-h`}>{t('case.tab.profile')}</h3>
      <Texts group="wishes" keys={WishKeys} values={profile.wishes} />
      <Lines testId="supervision.copy-career" lines={profile.career.map((entry) => [entry.period, entry.occupation, entry.employer, entry.note])} />
      <Lines
        testId="supervision.copy-action-plan"
        lines={profile.actionPlan.map((entry) => [entry.goal, entry.measures, `${t(`profileWords.horizon.${entry.horizon}`)}, ${t(`profileWords.actionStatus.${entry.status}`)}`])}
      />
      <Texts group="competences" keys={CompetenceKeys} values={profile.competences} />
      <Lines testId="supervision.copy-occupations" lines={profile.occupations.map((entry) => [entry.title, entry.why])} />
      <Lines
        testId="supervision.copy-assessments"
        lines={profile.assessments.map((entry) => [entry.source, entry.week === undefined ? '' : weekLabel(entry.week), entry.text])}
      />
    </section>
  )
}
