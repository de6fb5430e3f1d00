/**
 * A case tab whose code loads when the tab is first shown: each in a chunk
 * of its own (precached by the service worker, so it opens offline too).
 * Every start of a case parsed the code of all sixteen tabs, though one is
 * shown (issue 21: the main thread waits for that parse before anything
 * runs). The plan and the notes, where nearly every visit starts, stay in
 * the main bundle. Until its code is there a shown tab's panel says that it
 * is loading; a tab never shown has its empty panel, as before (TabPanel).
 */
import { lazy, Suspense, useRef, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { useCaseScreen } from './CaseScreenContext.js'
import type { CaseTab } from './caseTabs.js'
import { TabPanel } from './TabPanel.js'

function Loading() {
  const { t } = useTranslation()
  return <p role="status">{t('app.loading')}</p>
}

/** The tab `name` from the module `load` resolves with (its component). */
export function lazyTab(name: CaseTab, load: () => Promise<ComponentType>): ComponentType {
  const Loaded = lazy(async () => ({ default: await load() }))
  function LazyTab() {
    const { withTabs, activeTab } = useCaseScreen()
    const everShown = useRef(false)
    everShown.current ||= !withTabs || activeTab === name
    if (!everShown.current) {
      return <TabPanel name={name}>{null}</TabPanel>
    }
    return (
      <Suspense
        fallback={
          <TabPanel name={name} busy>
            <Loading />
          </TabPanel>
        }
      >
        <Loaded />
      </Suspense>
    )
  }
  LazyTab.displayName = `LazyTab(${name})`
  return LazyTab
}
