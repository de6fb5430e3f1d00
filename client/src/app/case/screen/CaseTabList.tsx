import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useCaseScreen } from './CaseScreenContext.js'
import { tabLabelKey, tabTestId, type CaseTab } from './caseTabs.js'

/** The next tab for an arrow, Home or End key (WAI-ARIA tabs pattern), or undefined for other keys. */
function tabForKey(tabs: readonly CaseTab[], active: CaseTab, key: string): CaseTab | undefined {
  const index = tabs.indexOf(active)
  switch (key) {
    case 'ArrowRight':
      return tabs[(index + 1) % tabs.length]
    case 'ArrowLeft':
      return tabs[(index - 1 + tabs.length) % tabs.length]
    case 'Home':
      return tabs[0]
    case 'End':
      return tabs[tabs.length - 1]
    default:
      return undefined
  }
}

/** The case screen's tab list (only when there is more than one tab). */
export function CaseTabList() {
  const { t } = useTranslation()
  const { tabs, activeTab, selectTab, idPrefix, withTabs, plain } = useCaseScreen()
  const tabRefs = useRef<Partial<Record<CaseTab, HTMLButtonElement | null>>>({})
  if (!withTabs) {
    return null
  }
  const handleTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const next = tabForKey(tabs, activeTab, event.key)
    if (next) {
      event.preventDefault()
      selectTab(next)
      tabRefs.current[next]?.focus()
    }
  }
  return (
    <div role="tablist" aria-label={t('case.tabsLabel')} className="tabs">
      {tabs.map((name) => (
        <button
          key={name}
          ref={(element) => {
            tabRefs.current[name] = element
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${name}`}
          aria-selected={activeTab === name}
          aria-controls={`${idPrefix}-panel-${name}`}
          tabIndex={activeTab === name ? 0 : -1}
          onClick={() => selectTab(name)}
          onKeyDown={handleTabKey}
          data-testid={tabTestId(name)}
        >
          {t(tabLabelKey(name, plain))}
        </button>
      ))}
    </div>
  )
}
