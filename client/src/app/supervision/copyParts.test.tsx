/** Server-rendered smoke tests of a supervision copy's issue-19 parts: what the supervision group reads, labelled, read-only. */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CopyAccompaniment as CopyAccompanimentContent } from '../../../../shared/src/caseDocument/accompanimentCopy.js'
import type { CopyPlacement as CopyPlacementContent } from '../../../../shared/src/caseDocument/placementCopy.js'
import i18n from '../../i18n/index.js'
import { CopyAccompaniment, hasAccompaniment } from './CopyAccompaniment.js'
import { CopyPlacement } from './CopyPlacement.js'

const placement: CopyPlacementContent = {
  agreementParts: { companyContact: 'Person B, Filialleitung', pay: 'CHF 3800 brutto' },
  jobSearch: [
    {
      id: 'search-1',
      kind: 'application',
      employer: 'Betrieb C',
      contactPerson: 'Person D',
      position: 'Lagerhelfer',
      placementKind: 'trainingPlacement',
      week: 2,
      status: 'interview',
      nextStep: 'Nachfassen',
      nextStepWeek: 4,
      interviewWeek: 3,
      interviewPreparation: 'Geübt',
      accompaniedByCoach: true,
    },
  ],
}

const accompaniment: CopyAccompanimentContent = {
  supportIntensity: [{ fromWeek: 1, level: 'medium', hoursPerWeek: 3, note: 'mit Person A' }],
  incidents: [{ id: 'incident-1', week: 7, kind: 'jobAtRisk', description: 'Abmahnung', reportedTo: 'IV-Stelle', followUps: [{ text: 'Gespräch', dueWeek: 8, done: true }] }],
  exitForm: { week: 30, reason: 'clientWish', followUps: ['proInfirmis'] },
  progressEveryWeeks: 6,
}

describe('the copy view of the placement parts and the accompaniment', () => {
  it('labels each part in German, with placeholders highlighted and no control to change anything', async () => {
    await i18n.changeLanguage('de')
    const html = renderToStaticMarkup(
      <>
        <CopyPlacement content={placement} />
        <CopyAccompaniment content={accompaniment} />
      </>,
    )
    for (const text of [
      'Vereinbarung mit dem Betrieb (Arbeitsmarkteintritt)',
      '<dt>Ansprechperson im Betrieb</dt>',
      'Stellensuche: Bewerbungen und Kontakte',
      'Bewerbung',
      'Trainingsplatz',
      'Vorstellungsgespräch',
      'mit Begleitung durch Jobcoach',
      'regelmäßig (3 Stunden pro Woche)',
      'Fällig alle 6 Wochen.',
      'Arbeitsplatz gefährdet',
      'erledigt',
      'Auf Wunsch der Person',
      'Pro Infirmis',
    ]) {
      expect(html, text).toContain(text)
    }
    expect(html).toMatch(/<mark[^>]*>Betrieb C<\/mark>/)
    expect(html).toMatch(/<mark[^>]*>Woche 30<\/mark>/)
    expect(html).not.toMatch(/<(input|select|textarea|button)/)
  })

  it('says it the Swiss way in de-CH and in English in en', async () => {
    await i18n.changeLanguage('de-CH')
    expect(renderToStaticMarkup(<CopyAccompaniment content={accompaniment} />)).toContain('regelmässig')
    await i18n.changeLanguage('en')
    const english = renderToStaticMarkup(
      <>
        <CopyPlacement content={placement} />
        <CopyAccompaniment content={accompaniment} />
      </>,
    )
    for (const text of ['Job search: applications and contacts', 'Support after starting work', 'Due every 6 weeks.', 'Pay']) {
      expect(english, text).toContain(text)
    }
    await i18n.changeLanguage('de')
  })

  it('leaves the accompaniment out of a copy of a case without any', () => {
    expect(hasAccompaniment({ supportIntensity: [], incidents: [], exitForm: {} })).toBe(false)
    expect(hasAccompaniment({ supportIntensity: [], incidents: [], exitForm: { followUps: [] } })).toBe(false)
    expect(hasAccompaniment({ ...accompaniment, supportIntensity: [], incidents: [], exitForm: {} })).toBe(true)
  })
})
