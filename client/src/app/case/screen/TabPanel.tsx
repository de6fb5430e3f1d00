import type { ReactNode } from 'react'
import { useCaseScreen } from './CaseScreenContext.js'
import type { CaseTab } from './caseTabs.js'

/** The panel of a tab: a tab panel (hidden unless shown) when the screen has tabs, else a section labelled by the plan heading. */
export function TabPanel({ name, children }: { name: CaseTab; children: ReactNode }) {
  const { withTabs, idPrefix, activeTab } = useCaseScreen()
  const props = withTabs
    ? { role: 'tabpanel', id: `${idPrefix}-panel-${name}`, 'aria-labelledby': `${idPrefix}-tab-${name}`, hidden: activeTab !== name, tabIndex: 0 }
    : { 'aria-labelledby': `${idPrefix}-plan-h` }
  return (
    <section {...props} className="panel">
      {children}
    </section>
  )
}
