// @vitest-environment jsdom
/** A tab whose code loads when first shown (lazyTab.tsx): nothing is loaded for a hidden tab, the shown one says it is loading, then shows its content. */
import { act } from 'react'
import { describe, expect, it, vi } from 'vitest'
import i18n from '../../../i18n/index.js'
import { mountedRoot } from '../../../testing/mountedRoot.js'
import { CaseScreenContext, type CaseScreen } from './CaseScreenContext.js'
import type { CaseTab } from './caseTabs.js'
import { lazyTab } from './lazyTab.js'
import { TabPanel } from './TabPanel.js'

await i18n.changeLanguage('de')

const mounted = mountedRoot()

function screen(activeTab: CaseTab): CaseScreen {
  return {
    idPrefix: 't',
    tabs: ['plan', 'audit'],
    activeTab,
    withTabs: true,
    selectTab: () => undefined,
    canGoTo: () => false,
    goTo: () => false,
    view: 'full',
    plain: false,
    plainWords: false,
    chooseView: () => undefined,
  }
}

function AuditContent() {
  return (
    <TabPanel name="audit">
      <p data-testid="audit.content">Änderungsprotokoll</p>
    </TabPanel>
  )
}

/** A module load that resolves when the test says so. */
function deferredLoad() {
  let resolve: () => void = () => undefined
  const loaded = new Promise<void>((done) => (resolve = done))
  const load = vi.fn(async () => {
    await loaded
    return AuditContent
  })
  return { load, resolve }
}

const panel = () => mounted.container.querySelector('#t-panel-audit')

describe('lazyTab', () => {
  it('loads nothing while the tab was never shown, but its (hidden, empty) panel is there for the tab list', async () => {
    const { load } = deferredLoad()
    const Audit = lazyTab('audit', load)
    await mounted.render(
      <CaseScreenContext.Provider value={screen('plan')}>
        <Audit />
      </CaseScreenContext.Provider>,
    )
    expect(load).not.toHaveBeenCalled()
    expect(panel()?.getAttribute('role')).toBe('tabpanel')
    expect(panel()?.hasAttribute('hidden')).toBe(true)
    expect(panel()?.textContent).toBe('')
  })

  it('says "Wird geladen" in the shown panel until its code is there, then shows the content and keeps it when hidden again', async () => {
    const { load, resolve } = deferredLoad()
    const Audit = lazyTab('audit', load)
    const shown = (tab: CaseTab) => (
      <CaseScreenContext.Provider value={screen(tab)}>
        <Audit />
      </CaseScreenContext.Provider>
    )
    await mounted.render(shown('plan'))
    await mounted.render(shown('audit'))
    expect(load).toHaveBeenCalledTimes(1)
    expect(panel()?.hasAttribute('hidden')).toBe(false)
    expect(panel()?.querySelector('[role="status"]')?.textContent).toBe('Wird geladen …')
    expect(panel()?.getAttribute('aria-busy')).toBe('true')
    await act(async () => resolve())
    expect(panel()?.hasAttribute('aria-busy')).toBe(false)
    expect(panel()?.querySelector('[data-testid="audit.content"]')?.textContent).toBe('Änderungsprotokoll')
    expect(panel()?.querySelector('[role="status"]')).toBeNull()
    await mounted.render(shown('plan'))
    expect(panel()?.hasAttribute('hidden')).toBe(true)
    expect(panel()?.querySelector('[data-testid="audit.content"]')).not.toBeNull()
    expect(load).toHaveBeenCalledTimes(1)
  })
})
