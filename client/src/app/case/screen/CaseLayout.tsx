import type { ComponentType } from 'react'
import { NotesTab } from '../tabs/NotesTab.js'
import { PlanTab } from '../tabs/PlanTab.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { CaseHeader } from './CaseHeader.js'
import { CaseScreenContext } from './CaseScreenContext.js'
import { CaseSummary } from './CaseSummary.js'
import { CaseTabList } from './CaseTabList.js'
import type { CaseTab } from './caseTabs.js'
import { lazyTab } from './lazyTab.js'
import { useCaseScreenState } from './useCaseScreenState.js'

/**
 * The panel of each tab, in the order the panels stand in the page (the tab
 * list has its own order, caseTabs.ts). The plan's panel is always there.
 * Every tab but the plan and the notes loads its code when first shown (lazyTab.tsx).
 */
const lazyPanel = (name: CaseTab, load: () => Promise<ComponentType>) => [name, lazyTab(name, load)] as const
const tabPanels: readonly (readonly [CaseTab, ComponentType])[] = [
  ['plan', PlanTab],
  lazyPanel('profile', () => import('../tabs/ProfileTab.js').then((module) => module.ProfileTab)),
  lazyPanel('jobSearch', () => import('../tabs/JobSearchTab.js').then((module) => module.JobSearchTab)),
  lazyPanel('process', () => import('../tabs/ProcessTab.js').then((module) => module.ProcessTab)),
  lazyPanel('meetings', () => import('../tabs/MeetingsTab.js').then((module) => module.MeetingsTab)),
  lazyPanel('hours', () => import('../tabs/HoursTab.js').then((module) => module.HoursTab)),
  lazyPanel('funding', () => import('../tabs/FundingTab.js').then((module) => module.FundingTab)),
  lazyPanel('proof', () => import('../tabs/ProofTab.js').then((module) => module.ProofTab)),
  ['notes', NotesTab],
  lazyPanel('versions', () => import('../tabs/VersionsTab.js').then((module) => module.VersionsTab)),
  lazyPanel('confidential', () => import('../tabs/ConfidentialTab.js').then((module) => module.ConfidentialTab)),
  lazyPanel('consents', () => import('../tabs/ConsentsTab.js').then((module) => module.ConsentsTab)),
  lazyPanel('attachments', () => import('../tabs/AttachmentsTab.js').then((module) => module.AttachmentsTab)),
  lazyPanel('members', () => import('../tabs/MembersTab.js').then((module) => module.MembersTab)),
  lazyPanel('data', () => import('../tabs/DataTab.js').then((module) => module.DataTab)),
  lazyPanel('audit', () => import('../tabs/AuditTab.js').then((module) => module.AuditTab)),
]

/** The case screen inside its session: header, process summary, tab list and the caller's tab panels. */
export function CaseLayout() {
  const session = useCaseSession()
  const screen = useCaseScreenState(session)
  const { detail, role } = session
  return (
    <CaseScreenContext.Provider value={screen}>
      <div className={`stack case${screen.plain ? ' plain' : ''}`} data-testid="case.view" data-case-id={detail.id} data-role={role} data-view={screen.view}>
        <CaseHeader />
        <CaseSummary />
        <CaseTabList />
        {tabPanels.map(([name, Panel]) => (name === 'plan' || screen.tabs.includes(name) ? <Panel key={name} /> : null))}
      </div>
    </CaseScreenContext.Provider>
  )
}
