// @vitest-environment jsdom
import i18next from 'i18next'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { GoalStatuses } from '../../../../shared/src/caseDocument/plan.js'
import { buildResources } from '../../testing/allTexts.js'
import { defaultPlanView, goalStatusKey, initialPlanView, planLabelKey, rememberPlanView, type PlanLabel } from './planView.js'

const resources = buildResources()

const i18n = i18next.createInstance()
beforeAll(async () => {
  await i18n.init({ resources, lng: 'de', interpolation: { escapeValue: false } })
})
beforeEach(() => localStorage.clear())

const labels: PlanLabel[] = ['goals', 'what', 'measurable', 'timeBound', 'responsible', 'status', 'approach', 'agree', 'agreeExplanation', 'noGoals']

describe('plain-language labels', () => {
  it('picks the plain labels in the plain view', () => {
    const t = i18n.getFixedT('de')
    expect(t(planLabelKey('plain', 'goals'))).toBe('Ihre Ziele')
    expect(t(planLabelKey('plain', 'what'))).toBe('Was wollen Sie erreichen?')
    expect(t(planLabelKey('plain', 'measurable'))).toBe('Woran merken wir, dass es geklappt hat?')
    expect(t(planLabelKey('plain', 'timeBound'))).toBe('Bis wann?')
    // "Verantwortlich" keeps its meaning: who is responsible, not who helps (issue 16).
    expect(t(planLabelKey('plain', 'responsible'))).toBe('Wer ist dafür verantwortlich?')
    expect(t(planLabelKey('plain', 'status'))).toBe('Wie weit sind wir?')
    expect(t(planLabelKey('plain', 'approach'))).toBe('So gehen wir vor')
    expect(t(planLabelKey('plain', 'agree'))).toBe('Ich bin einverstanden')
  })

  it('picks the full labels in the full view', () => {
    const t = i18n.getFixedT('de')
    expect(t(planLabelKey('full', 'goals'))).toBe('SMART-Ziele')
    expect(t(planLabelKey('full', 'approach'))).toBe('Vorgehen')
    expect(t(goalStatusKey('full', 'achieved'))).toBe('erreicht')
    expect(t(goalStatusKey('plain', 'achieved'))).toBe('Geschafft!')
  })

  it('has every label and status word in German and English, different between the views', () => {
    for (const language of ['de', 'en']) {
      const t = i18n.getFixedT(language)
      for (const label of labels) {
        for (const view of ['plain', 'full'] as const) {
          const key = planLabelKey(view, label)
          expect(i18n.exists(key, { lng: language }), `${language}: ${key}`).toBe(true)
        }
        expect(t(planLabelKey('plain', label))).not.toBe(t(planLabelKey('full', label)))
      }
      for (const status of GoalStatuses) {
        expect(i18n.exists(goalStatusKey('plain', status), { lng: language })).toBe(true)
      }
    }
    expect(i18n.getFixedT('en')(planLabelKey('plain', 'agree'))).toBe('I agree')
  })

  it('keeps the plain sentences short', () => {
    const t = i18n.getFixedT('de')
    const sentences = t(planLabelKey('plain', 'agreeExplanation')).split(/[.?!]\s*/).filter(Boolean)
    expect(sentences.length).toBeGreaterThan(1)
    for (const sentence of sentences) {
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(10)
    }
  })
})

describe('plan view choice', () => {
  it('starts coachees in the plain view and everyone else in the full view', () => {
    expect(defaultPlanView('coachee')).toBe('plain')
    expect(defaultPlanView('employer')).toBe('full')
    expect(defaultPlanView('coach')).toBe('full')
  })

  it('remembers the choice per user', () => {
    expect(initialPlanView('u1', 'coachee')).toBe('plain')
    rememberPlanView('u1', 'full')
    expect(initialPlanView('u1', 'coachee')).toBe('full')
    expect(initialPlanView('u2', 'coachee')).toBe('plain')
  })
})
