import { describe, expect, it } from 'vitest'
import { splitTabs, tabLabelKey, tabsFor } from './caseTabs.js'

describe('case screen tabs', () => {
  it('gives a coach every tab, and no process tabs without the notes', () => {
    expect(tabsFor('coach', 'write', true)).toEqual(['plan', 'jobSearch', 'process', 'meetings', 'hours', 'funding', 'proof', 'notes', 'versions', 'confidential', 'consents', 'members', 'audit', 'data'])
    expect(tabsFor('coach', 'none', true)).toEqual(['plan', 'jobSearch', 'funding', 'proof', 'versions', 'confidential', 'consents', 'members', 'audit', 'data'])
  })

  it('gives the coachee the plan, their own job search, their fields, consents and their data', () => {
    expect(tabsFor('coachee', 'none', true)).toEqual(['plan', 'jobSearch', 'proof', 'versions', 'confidential', 'consents', 'data'])
    expect(tabsFor('coachee', 'none', false)).toEqual(['plan', 'jobSearch', 'proof', 'versions', 'consents', 'data'])
  })

  it('gives the employer the plan (shared fields beside it) and the consents, never the job search', () => {
    expect(tabsFor('employer', 'none', true)).toEqual(['plan', 'proof', 'versions', 'consents'])
  })

  it('labels the process tabs under process.tabs and the coachee plain tabs in plain words', () => {
    expect(tabLabelKey('hours', true)).toBe('process.tabs.hours')
    expect(tabLabelKey('consents', true)).toBe('plain.tab.consents')
    expect(tabLabelKey('versions', true)).toBe('plain.tab.versions')
    expect(tabLabelKey('confidential', true)).toBe('plain.tab.confidential')
    expect(tabLabelKey('members', true)).toBe('case.tab.members')
    expect(tabLabelKey('consents', false)).toBe('case.tab.consents')
  })

  it("moves a coach's occasional tabs into the menu and keeps a short row whole", () => {
    expect(splitTabs(tabsFor('coach', 'write', true))).toEqual({
      row: ['plan', 'process', 'meetings', 'hours', 'notes', 'confidential'],
      more: ['jobSearch', 'funding', 'proof', 'versions', 'consents', 'members', 'audit', 'data'],
    })
    expect(splitTabs(tabsFor('coach', 'none', true)).more).toEqual(['jobSearch', 'funding', 'proof', 'versions', 'consents', 'members', 'audit', 'data'])
    expect(splitTabs(tabsFor('coachee', 'none', true))).toEqual({ row: ['plan', 'jobSearch', 'proof', 'versions', 'confidential', 'consents', 'data'], more: [] })
  })

  it('on a phone moves the occasional tabs of a row that would wrap, and keeps a two-tab row whole', () => {
    expect(splitTabs(tabsFor('coachee', 'none', true), true)).toEqual({ row: ['plan', 'confidential'], more: ['jobSearch', 'proof', 'versions', 'consents', 'data'] })
    expect(splitTabs(tabsFor('employer', 'none', true), true)).toEqual({ row: ['plan'], more: ['proof', 'versions', 'consents'] })
    expect(splitTabs(['plan', 'consents'], true)).toEqual({ row: ['plan', 'consents'], more: [] })
    // The coachee's plain words on a laptop: only the last occasional tab moves.
    expect(splitTabs(tabsFor('coachee', 'none', true), false, true)).toEqual({ row: ['plan', 'jobSearch', 'proof', 'versions', 'confidential'], more: ['consents', 'data'] })
    expect(splitTabs(tabsFor('coachee', 'none', true), true, true)).toEqual(splitTabs(tabsFor('coachee', 'none', true), true))
  })

  it("on a phone keeps a coach's row to what fits 390 px and moves the other main tabs first into the menu", () => {
    expect(splitTabs(tabsFor('coach', 'write', true), true)).toEqual({
      row: ['plan', 'process'],
      more: ['meetings', 'hours', 'notes', 'confidential', 'jobSearch', 'funding', 'proof', 'versions', 'consents', 'members', 'audit', 'data'],
    })
    expect(splitTabs(['plan', 'process', 'notes'], true)).toEqual({ row: ['plan', 'process', 'notes'], more: [] })
  })

  it('on a laptop moves the last main tabs into the menu too when there are more of them than the row holds', () => {
    const many = ['plan', 'process', 'meetings', 'hours', 'notes', 'confidential', 'process', 'meetings', 'consents'] as const
    expect(splitTabs(many).row).toHaveLength(6)
    expect(splitTabs(many).more).toEqual(['process', 'meetings', 'consents'])
  })
})
