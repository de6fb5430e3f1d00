import type { ComponentType } from 'react'
import { AttachmentsTab } from '../tabs/AttachmentsTab.js'
import { AuditTab } from '../tabs/AuditTab.js'
import { ConfidentialTab } from '../tabs/ConfidentialTab.js'
import { ConsentsTab } from '../tabs/ConsentsTab.js'
import { DataTab } from '../tabs/DataTab.js'
import { FundingTab } from '../tabs/FundingTab.js'
import { HoursTab } from '../tabs/HoursTab.js'
import { JobSearchTab } from '../tabs/JobSearchTab.js'
import { MeetingsTab } from '../tabs/MeetingsTab.js'
import { MembersTab } from '../tabs/MembersTab.js'
import { NotesTab } from '../tabs/NotesTab.js'
import { PlanTab } from '../tabs/PlanTab.js'
import { ProfileTab } from '../tabs/ProfileTab.js'
import { ProcessTab } from '../tabs/ProcessTab.js'
import { ProofTab } from '../tabs/ProofTab.js'
import { VersionsTab } from '../tabs/VersionsTab.js'
import { useCaseSession } from '../session/CaseSessionContext.js'
import { CaseHeader } from './CaseHeader.js'
import { CaseScreenContext } from './CaseScreenContext.js'
import { CaseSummary } from './CaseSummary.js'
import { CaseTabList } from './CaseTabList.js'
import type { CaseTab } from './caseTabs.js'
import { useCaseScreenState } from './useCaseScreenState.js'

/**
 * The panel of each tab, in the order the panels stand in the page (the tab
 * list has its own order, caseTabs.ts). The plan's panel is always there.
 */
const tabPanels: readonly (readonly [CaseTab, ComponentType])[] = [
  ['plan', PlanTab],
  ['profile', ProfileTab],
  ['jobSearch', JobSearchTab],
  ['process', ProcessTab],
  ['meetings', MeetingsTab],
  ['hours', HoursTab],
  ['funding', FundingTab],
  ['proof', ProofTab],
  ['notes', NotesTab],
  ['versions', VersionsTab],
  ['confidential', ConfidentialTab],
  ['consents', ConsentsTab],
  ['attachments', AttachmentsTab],
  ['members', MembersTab],
  ['data', DataTab],
  ['audit', AuditTab],
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
