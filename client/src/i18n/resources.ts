/**
 * The client's texts per language: the JSON files plus the labels written
 * once in shared/src/report/labels.ts, which the report's Markdown export
 * prints too: the `report` section's report texts, the phase names
 * (`phases`), the goal statuses (`goal.statuses`) and the goal's title and
 * SMART field names (`goal.title`, `goal.specific`, …); and the case words
 * of shared/src/labels/caseLabels.ts, which the data export prints too: the
 * roles, the confidential fields' names, the change log's sentences
 * (`audit.*`) and the consent states; and the funding words of
 * shared/src/labels/fundingLabels.ts (`fundingWords.*`), and the request
 * words of shared/src/labels/requestLabels.ts (`requestWords.*`).
 */
import { caseLabels, type CaseLabels } from '../../../shared/src/labels/caseLabels.js'
import { fundingLabels, type FundingLabels } from '../../../shared/src/labels/fundingLabels.js'
import { requestLabels, type RequestLabels } from '../../../shared/src/labels/requestLabels.js'
import { accompanimentLabels } from '../../../shared/src/labels/accompanimentLabels.js'
import { reportLabels, type ReportLabels } from '../../../shared/src/report/labels.js'
import de from './de.json' with { type: 'json' }
import en from './en.json' with { type: 'json' }
import { swissGerman } from '../../../shared/src/labels/swissGerman.js'

function withSharedLabels<T extends { goal: object; report: object; audit: object }>(texts: T, labels: ReportLabels, words: CaseLabels, fundingWords: FundingLabels, requestWords: RequestLabels) {
  const { phases, goalStatus, goalFields, ...report } = labels
  const { roles, confidential, audit, consentState } = words
  return {
    ...texts,
    phases,
    goal: { ...texts.goal, ...goalFields, statuses: goalStatus },
    report: { ...texts.report, ...report },
    roles,
    confidential,
    audit: { ...texts.audit, ...audit },
    consentState,
    fundingWords,
    requestWords,
  }
}

// Issue 19: the accompaniment's words (accompanimentWords.*), shared with the data export.
const german = { ...withSharedLabels(de, reportLabels('de'), caseLabels('de'), fundingLabels('de'), requestLabels('de')), accompanimentWords: accompanimentLabels('de') }

/** i18next resources of every UI language (de-CH: the German texts in Swiss spelling). */
export const resources = {
  de: { translation: german },
  'de-CH': { translation: swissGerman(german) },
  en: { translation: { ...withSharedLabels(en, reportLabels('en'), caseLabels('en'), fundingLabels('en'), requestLabels('en')), accompanimentWords: accompanimentLabels('en') } },
}
