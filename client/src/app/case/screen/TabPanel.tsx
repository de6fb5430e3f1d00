import { useRef, type ReactNode } from 'react'
import { useCaseScreen } from './CaseScreenContext.js'
import type { CaseTab } from './caseTabs.js'

/**
 * The panel of a tab: a tab panel (hidden unless shown) when the screen has
 * tabs, else a section labelled by the plan heading. A tab's content mounts
 * when the tab is first shown and then stays (its editors keep caret and
 * scroll): mounting every hidden tab up front cost a case with 30 goals and
 * four long notes over a second of main thread before anything was usable
 * (issue 21, browser profile of the offline open).
 */
export function TabPanel({ name, children }: { name: CaseTab; children: ReactNode }) {
  const { withTabs, idPrefix, activeTab } = useCaseScreen()
  const shown = !withTabs || activeTab === name
  const everShown = useRef(shown)
  everShown.current ||= shown
  const props = withTabs
    ? { role: 'tabpanel', id: `${idPrefix}-panel-${name}`, 'aria-labelledby': `${idPrefix}-tab-${name}`, hidden: !shown, tabIndex: 0 }
    : { 'aria-labelledby': `${idPrefix}-plan-h` }
  return (
    <section {...props} className="panel">
      {everShown.current ? children : null}
    </section>
  )
}
