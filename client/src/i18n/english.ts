/**
 * The English texts with the shared labels: a chunk of their own, loaded
 * when English is chosen (resources.ts, `textsOf`).
 */
import { caseLabels } from '../../../shared/src/labels/caseLabels.js'
import { fundingLabels } from '../../../shared/src/labels/fundingLabels.js'
import { requestLabels } from '../../../shared/src/labels/requestLabels.js'
import { profileLabels } from '../../../shared/src/labels/profileLabels.js'
import { accompanimentLabels } from '../../../shared/src/labels/accompanimentLabels.js'
import { reportLabels } from '../../../shared/src/report/labels.js'
import { withCoacheeTerm } from '../../../shared/src/labels/coacheeTerm.js'
import type { CoacheeTerm } from '../../../shared/src/api/service.js'
import en from './en.json' with { type: 'json' }
import { withSharedLabels } from './resources.js'

const english = {
  ...withSharedLabels(en, reportLabels('en'), caseLabels('en'), fundingLabels('en'), requestLabels('en')),
  profileWords: profileLabels('en'),
  accompanimentWords: accompanimentLabels('en'),
}

/** The English texts with the service's coachee term. */
export function englishTexts(coacheeTerm: CoacheeTerm) {
  return withCoacheeTerm(english, coacheeTerm, 'en')
}
