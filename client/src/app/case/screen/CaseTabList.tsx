import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { usePhoneWidth } from '../../usePhoneWidth.js'
import { useCaseScreen } from './CaseScreenContext.js'
import { splitTabs, tabLabelKey, tabTestId, type CaseTab } from './caseTabs.js'
import './caseScreen.css'

/** The next tab for an arrow, Home or End key (WAI-ARIA tabs pattern), or undefined for other keys. */
function tabForKey(tabs: readonly CaseTab[], active: CaseTab, key: string): CaseTab | undefined {
  const index = Math.max(0, tabs.indexOf(active))
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

/**
 * The case screen's tab list (only when there is more than one tab). With
 * many tabs the occasional ones (versions, consents, members, change log,
 * data) sit behind a "Mehr" disclosure button, so the row fits a laptop:
 * the menu opens with Enter/Space, its items are buttons, Escape closes it
 * and returns focus; a chosen item's panel is labelled by that item.
 */
export function CaseTabList() {
  const { t } = useTranslation()
  const { tabs, activeTab, selectTab, idPrefix, withTabs, plainWords } = useCaseScreen()
  const tabRefs = useRef<Partial<Record<CaseTab, HTMLButtonElement | null>>>({})
  const moreButton = useRef<HTMLButtonElement>(null)
  const [menuOpen, setMenuOpen] = useState(false)
  const { row, more } = splitTabs(tabs, usePhoneWidth(), plainWords)
  const firstItem = useRef<HTMLButtonElement | null>(null)

  useEffect(() => {
    if (menuOpen) {
      firstItem.current?.focus()
    }
  }, [menuOpen])

  if (!withTabs) {
    return null
  }
  const activeInMenu = more.includes(activeTab)
  const handleTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const next = tabForKey(row, activeTab, event.key)
    if (next) {
      event.preventDefault()
      selectTab(next)
      tabRefs.current[next]?.focus()
    }
  }
  const chooseFromMenu = (name: CaseTab): void => {
    selectTab(name)
    setMenuOpen(false)
    moreButton.current?.focus()
  }
  const handleMenuKey = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      setMenuOpen(false)
      moreButton.current?.focus()
    }
  }
  return (
    // A short row wraps rather than hide tabs out of sight; a long one keeps one line beside its menu.
    <div className={`tab-row${more.length === 0 ? ' tab-row-wraps' : ''}`}>
      <div role="tablist" aria-label={t('case.tabsLabel')} className="tabs">
        {row.map((name) => (
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
            tabIndex={activeTab === name || (activeInMenu && name === row[0]) ? 0 : -1}
            onClick={() => selectTab(name)}
            onKeyDown={handleTabKey}
            data-testid={tabTestId(name)}
          >
            {t(tabLabelKey(name, plainWords))}
          </button>
        ))}
      </div>
      {more.length > 0 ? (
        <div
          className="tab-more"
          onKeyDown={handleMenuKey}
          onBlur={(event) => {
            // Focus or a click leaving the menu closes it, as a disclosure menu does.
            if (!event.currentTarget.contains(event.relatedTarget)) {
              setMenuOpen(false)
            }
          }}
        >
          <button
            ref={moreButton}
            type="button"
            className={`tab-more-button${activeInMenu ? ' current' : ''}`}
            aria-expanded={menuOpen}
            aria-controls={`${idPrefix}-more`}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="case.tab.more"
          >
            {t('case.more')}
            {/* The tab shown is named for screen readers; the button itself is marked as current, so the row keeps its width. */}
            {activeInMenu ? <span className="visually-hidden">: {t(tabLabelKey(activeTab, plainWords))}</span> : null}
            <span aria-hidden="true"> ▾</span>
          </button>
          <ul id={`${idPrefix}-more`} className="tab-more-menu" hidden={!menuOpen} aria-label={t('case.moreLabel')}>
            {more.map((name, index) => (
              <li key={name}>
                <button
                  ref={index === 0 ? firstItem : undefined}
                  type="button"
                  id={`${idPrefix}-tab-${name}`}
                  aria-current={activeTab === name ? 'true' : undefined}
                  aria-controls={`${idPrefix}-panel-${name}`}
                  onClick={() => chooseFromMenu(name)}
                  data-testid={tabTestId(name)}
                >
                  {t(tabLabelKey(name, plainWords))}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
