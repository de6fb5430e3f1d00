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
import { profileLabels } from '../../../shared/src/labels/profileLabels.js'
import { accompanimentLabels } from '../../../shared/src/labels/accompanimentLabels.js'
import { reportLabels, type ReportLabels } from '../../../shared/src/report/labels.js'
import de from './de.json' with { type: 'json' }
import { swissGerman } from '../../../shared/src/labels/swissGerman.js'
import { withCoacheeTerm } from '../../../shared/src/labels/coacheeTerm.js'
import type { CoacheeTerm } from '../../../shared/src/api/service.js'
import swissOverlay from './de-CH.json' with { type: 'json' }
import type * as EnglishModule from './english.js'

/** A language's texts with its shared labels (report, case, funding and request words). */
export function withSharedLabels<T extends { goal: object; report: object; audit: object }>(texts: T, labels: ReportLabels, words: CaseLabels, fundingWords: FundingLabels, requestWords: RequestLabels) {
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

/** The German texts with the shared labels (the base every other language falls back to). */
// Issue 19: the occupational profile's words (`profileWords.*`) and the accompaniment's (`accompanimentWords.*`), the same the data export prints.
export const german = {
  ...withSharedLabels(de, reportLabels('de'), caseLabels('de'), fundingLabels('de'), requestLabels('de')),
  profileWords: profileLabels('de'),
  accompanimentWords: accompanimentLabels('de'),
}

type Tree = { readonly [key: string]: Tree | string }

/** Key path → text of a resource tree (`a.b.c`). */
export function flatTexts(tree: unknown, path = '', into: Record<string, string> = {}): Record<string, string> {
  if (typeof tree === 'string') {
    into[path] = tree
  } else if (typeof tree === 'object' && tree !== null) {
    for (const [key, value] of Object.entries(tree)) {
      flatTexts(value, path === '' ? key : `${path}.${key}`, into)
    }
  }
  return into
}

/** The keys of `variant` whose text differs from `base`: an overlay that falls back to `base` for the rest. */
function differingTexts(variant: Tree, base: Tree): Tree {
  const result: Record<string, Tree | string> = {}
  for (const [key, value] of Object.entries(variant)) {
    const baseValue = base[key]
    if (typeof value === 'string') {
      if (value !== baseValue) {
        result[key] = value
      }
    } else {
      const nested = differingTexts(value, typeof baseValue === 'object' ? baseValue : {})
      if (Object.keys(nested).length > 0) {
        result[key] = nested
      }
    }
  }
  return result
}

const germanByTerm = new Map<CoacheeTerm, typeof german>()

/** The German texts with the service's coachee term: bundled, the language every other one falls back to. */
export function germanTexts(coacheeTerm: CoacheeTerm) {
  // Built once per term: the German bundle and the de-CH overlay both start from it.
  let texts = germanByTerm.get(coacheeTerm)
  if (texts === undefined) {
    texts = withCoacheeTerm(german, coacheeTerm, 'de')
    germanByTerm.set(coacheeTerm, texts)
  }
  return texts
}

/**
 * The de-CH texts with the service's coachee term, as an overlay (issue 19):
 * only the texts that differ from German — Swiss spelling and words
 * (shared/src/labels/swissGerman.ts) and the reworded texts of de-CH.json
 * (key path → text); i18next falls back from `de-CH` to `de` for every other
 * key. Built when a Swiss user needs them: the rules run over every German
 * text (12.6 ms of the start in a profile of the bench's offline open).
 */
export function swissTexts(coacheeTerm: CoacheeTerm) {
  const germanWithTerm = germanTexts(coacheeTerm)
  // The term goes last: the Swiss words set by key path say "Coachee" too.
  const swiss = withCoacheeTerm(swissGerman(germanWithTerm, swissOverlay as Record<string, string>), coacheeTerm, 'de')
  return differingTexts(swiss as unknown as Tree, germanWithTerm as unknown as Tree)
}

/** The English module once loaded (a rebuild with a new coachee term needs it at once). */
let englishModule: typeof EnglishModule | null = null

/**
 * The texts of a UI language with the service's coachee term. English comes
 * from its own chunk (english.ts, loaded on first use, precached for
 * offline): 120 KB of texts most users never see stayed out of the
 * bundle every start parses. Synchronous for every language but English
 * before its first load.
 */
export function textsOf(language: string, coacheeTerm: CoacheeTerm): object | Promise<object> {
  switch (language) {
    case 'de-CH':
      return swissTexts(coacheeTerm)
    case 'en':
      if (englishModule !== null) {
        return englishModule.englishTexts(coacheeTerm)
      }
      return import('./english.js').then((module) => {
        englishModule = module
        return module.englishTexts(coacheeTerm)
      })
    default:
      return germanTexts(coacheeTerm)
  }
}
