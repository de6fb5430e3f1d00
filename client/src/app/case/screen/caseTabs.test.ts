import { describe, expect, it } from 'vitest'
import { splitTabs, tabLabelKey, tabsFor } from './caseTabs.js'

describe('case screen tabs', () => {
  it('gives a coach every tab, and no process tabs without the notes', () => {
    expect(tabsFor('coach', 'write', true)).toEqual(['plan', 'process', 'meetings', 'hours', 'profile', 'jobSearch', 'funding', 'proof', 'notes', 'versions', 'confidential', 'consents', 'attachments', 'members', 'audit', 'data'])
    expect(tabsFor('coach', 'none', true)).toEqual(['plan', 'profile', 'jobSearch', 'funding', 'proof', 'versions', 'confidential', 'consents', 'attachments', 'members', 'audit', 'data'])
  })

  it('gives the coachee the plan, their occupational profile, their fields, consents and their data', () => {
    expect(tabsFor('coachee', 'none', true)).toEqual(['plan', 'profile', 'jobSearch', 'proof', 'versions', 'confidential', 'consents', 'attachments', 'data'])
    expect(tabsFor('coachee', 'none', false)).toEqual(['plan', 'profile', 'jobSearch', 'proof', 'versions', 'consents', 'attachments', 'data'])
  })

  it('gives the employer the plan (shared fields beside it) and the consents, never the job search', () => {
    expect(tabsFor('employer', 'none', true)).toEqual(['plan', 'proof', 'versions', 'consents', 'attachments'])
  })

  it('labels the process tabs under process.tabs and the coachee plain tabs in plain words', () => {
    expect(tabLabelKey('hours', true)).toBe('process.tabs.hours')
    expect(tabLabelKey('consents', true)).toBe('plain.tab.consents')
    expect(tabLabelKey('versions', true)).toBe('plain.tab.versions')
    expect(tabLabelKey('confidential', true)).toBe('plain.tab.confidential')
    expect(tabLabelKey('profile', true)).toBe('plain.tab.profile')
    expect(tabLabelKey('profile', false)).toBe('case.tab.profile')
    expect(tabLabelKey('members', true)).toBe('case.tab.members')
    expect(tabLabelKey('consents', false)).toBe('case.tab.consents')
  })

  it("moves a coach's occasional tabs into the menu and keeps a short row whole", () => {
    expect(splitTabs(tabsFor('coach', 'write', true))).toEqual({
      row: ['plan', 'process', 'meetings', 'hours', 'notes', 'confidential'],
      more: ['profile', 'jobSearch', 'funding', 'proof', 'versions', 'consents', 'attachments', 'members', 'audit', 'data'],
    })
    expect(splitTabs(tabsFor('coach', 'none', true)).more).toEqual(['profile', 'jobSearch', 'funding', 'proof', 'versions', 'consents', 'attachments', 'members', 'audit', 'data'])
    expect(splitTabs(tabsFor('employer', 'none', true))).toEqual({ row: ['plan', 'proof', 'versions', 'consents', 'attachments'], more: [] })
  })

  it('on a phone moves the occasional tabs of a row that would wrap, and keeps a two-tab row whole', () => {
    expect(splitTabs(tabsFor('coachee', 'none', true), true)).toEqual({ row: ['plan', 'confidential'], more: ['profile', 'jobSearch', 'proof', 'versions', 'consents', 'attachments', 'data'] })
    expect(splitTabs(tabsFor('employer', 'none', true), true)).toEqual({ row: ['plan'], more: ['proof', 'versions', 'consents', 'attachments'] })
    expect(splitTabs(['plan', 'consents'], true)).toEqual({ row: ['plan', 'consents'], more: [] })
    // The coachee's plain words on a laptop: only the last occasional tabs move.
    expect(splitTabs(tabsFor('coachee', 'none', true), false, true)).toEqual({ row: ['plan', 'profile', 'jobSearch', 'proof', 'confidential'], more: ['versions', 'consents', 'attachments', 'data'] })
    expect(splitTabs(tabsFor('coachee', 'none', true), true, true)).toEqual(splitTabs(tabsFor('coachee', 'none', true), true))
  })

  it("on a phone keeps a coach's row to what fits 390 px and moves the other main tabs first into the menu", () => {
    expect(splitTabs(tabsFor('coach', 'write', true), true)).toEqual({
      row: ['plan', 'process'],
      more: ['meetings', 'hours', 'notes', 'confidential', 'profile', 'jobSearch', 'funding', 'proof', 'versions', 'consents', 'attachments', 'members', 'audit', 'data'],
    })
    expect(splitTabs(['plan', 'process', 'notes'], true)).toEqual({ row: ['plan', 'process', 'notes'], more: [] })
  })

  it('on a laptop moves the last main tabs into the menu too when there are more of them than the row holds', () => {
    const many = ['plan', 'process', 'meetings', 'hours', 'notes', 'confidential', 'process', 'meetings', 'consents'] as const
    expect(splitTabs(many).row).toHaveLength(6)
    expect(splitTabs(many).more).toEqual(['process', 'meetings', 'consents'])
  })
})
