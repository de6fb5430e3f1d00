import { describe, expect, it } from 'vitest'
import { paramsWithTab, requestedTab, tabOrPlan } from './tabParam.js'

describe('the case tab in the address', () => {
  it('opens the tab the address names when the caller has it', () => {
    expect(tabOrPlan(requestedTab(new URLSearchParams('tab=notes')), ['plan', 'notes', 'hours'])).toBe('notes')
  })

  it('falls back to the plan for no tab, an unknown one, or one the caller lacks (the employer and the notes)', () => {
    expect(tabOrPlan(requestedTab(new URLSearchParams('')), ['plan', 'notes'])).toBe('plan')
    expect(tabOrPlan(requestedTab(new URLSearchParams('tab=%3Cscript%3E')), ['plan', 'notes'])).toBe('plan')
    expect(tabOrPlan(requestedTab(new URLSearchParams('tab=notes')), ['plan', 'consents'])).toBe('plan')
  })

  it('writes the tab, leaves other parameters, and drops it for the plan', () => {
    const shown = paramsWithTab(new URLSearchParams('x=1'), 'hours')
    expect(shown.toString()).toBe('x=1&tab=hours')
    expect(paramsWithTab(shown, 'plan').toString()).toBe('x=1')
  })
})
