import { describe, expect, it } from 'vitest'
import { tabLabelKey, tabsFor } from './caseTabs.js'

describe('case screen tabs', () => {
  it('gives a coach every tab, and no process tabs without the notes', () => {
    expect(tabsFor('coach', 'write', true)).toEqual(['plan', 'process', 'meetings', 'hours', 'notes', 'versions', 'confidential', 'consents', 'members', 'audit', 'data'])
    expect(tabsFor('coach', 'none', true)).toEqual(['plan', 'versions', 'confidential', 'consents', 'members', 'audit', 'data'])
  })

  it('gives the coachee the plan, their fields, consents and their data', () => {
    expect(tabsFor('coachee', 'none', true)).toEqual(['plan', 'versions', 'confidential', 'consents', 'data'])
    expect(tabsFor('coachee', 'none', false)).toEqual(['plan', 'versions', 'consents', 'data'])
  })

  it('gives the employer the plan (shared fields beside it) and the consents', () => {
    expect(tabsFor('employer', 'none', true)).toEqual(['plan', 'versions', 'consents'])
  })

  it('labels the process tabs under process.tabs and the coachee plain tabs in plain words', () => {
    expect(tabLabelKey('hours', true)).toBe('process.tabs.hours')
    expect(tabLabelKey('consents', true)).toBe('plain.tab.consents')
    expect(tabLabelKey('members', true)).toBe('case.tab.members')
    expect(tabLabelKey('consents', false)).toBe('case.tab.consents')
  })
})
