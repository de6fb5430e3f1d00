/** "Changed since you agreed" lists the three-party agreement's parts (issue 19, A6) in the words each viewer reads them in. */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setAgreementPart } from '../../../../../shared/src/caseDocument/agreementParts.js'
import { initPlanDoc } from '../../../../../shared/src/caseDocument/plan.js'
import { comparablePlanOfDoc, planDiff } from '../../../../../shared/src/versions/planDiff.js'
import i18n from '../../../i18n/index.js'
import { PlanDiffView } from './PlanDiffView.js'

function changedPay(): ReturnType<typeof planDiff> {
  const before = new Y.Doc()
  initPlanDoc(before, { title: 'Lager' })
  setAgreementPart(before, 'pay', 'CHF 3800 brutto')
  const after = new Y.Doc()
  Y.applyUpdate(after, Y.encodeStateAsUpdate(before))
  setAgreementPart(after, 'pay', 'CHF 4100 brutto')
  return planDiff(comparablePlanOfDoc(before), comparablePlanOfDoc(after))
}

describe('PlanDiffView', () => {
  it('shows a changed agreement part with the label of the plan, in plain words for the coachee', async () => {
    await i18n.changeLanguage('de')
    const full = renderToStaticMarkup(<PlanDiffView diff={changedPay()} view="full" />)
    expect(full).toContain('data-changed="true"')
    expect(full).toContain('Vereinbarung mit dem Betrieb (Arbeitsmarkteintritt)')
    expect(full).toContain('<dt>Entlohnung</dt>')
    expect(full).toMatch(/<del>.*?3800<\/del>/)
    expect(full).toMatch(/<ins>.*?4100<\/ins>/)
    const plain = renderToStaticMarkup(<PlanDiffView diff={changedPay()} view="plain" />)
    expect(plain).toContain('Was der Betrieb und wir Ihnen zusagen')
    expect(plain).toContain('<dt>Wie viel Lohn bekommen Sie?</dt>')
    await i18n.changeLanguage('en')
    expect(renderToStaticMarkup(<PlanDiffView diff={changedPay()} view="full" />)).toContain('<dt>Pay</dt>')
    await i18n.changeLanguage('de')
  })
})
