// @vitest-environment jsdom
/**
 * A completeness link into a tab whose code is still loading (lazyTab.tsx):
 * the focus waits for the target, and does not land on the "Wird geladen"
 * panel that the loaded tab replaces.
 */
import { act } from 'react'
import { MemoryRouter } from 'react-router'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ConfidentialFields } from '../../../../../shared/src/caseDocument/confidential.js'
import i18n from '../../../i18n/index.js'
import { mountedRoot } from '../../../testing/mountedRoot.js'
import type { CaseSession } from '../session/CaseSessionContext.js'
import { CaseScreenContext, type CaseScreen } from './CaseScreenContext.js'
import { lazyTab } from './lazyTab.js'
import { TabPanel } from './TabPanel.js'
import { useCaseScreenState } from './useCaseScreenState.js'

await i18n.changeLanguage('de')

const mounted = mountedRoot()

// What useCaseScreenState reads of a session: a coach who reads the notes (so the process tab is there).
const session = {
  role: 'coach',
  roomUser: { id: 'userCoach00000000001', name: 'Miriam Roth' },
  rooms: { notesAccess: 'write', confidentialAccess: Object.fromEntries(ConfidentialFields.map((field) => [field, 'none'])) },
} as unknown as CaseSession

function ProcessContent() {
  return (
    <TabPanel name="process">
      <h3 id="phase-analysis" tabIndex={-1}>
        Analyse und Planung
      </h3>
    </TabPanel>
  )
}

let finishLoad: () => void = () => undefined
const Process = lazyTab('process', async () => {
  await new Promise<void>((resolve) => (finishLoad = resolve))
  return ProcessContent
})

let current: CaseScreen | null = null
function Screen() {
  const screen = useCaseScreenState(session)
  current = screen
  return (
    <CaseScreenContext.Provider value={screen}>
      <Process />
    </CaseScreenContext.Provider>
  )
}

const frames = (n: number) => act(async () => {
  for (let i = 0; i < n; i += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
})

describe('going to a target in a tab still loading', () => {
  beforeAll(() => {
    // jsdom lays nothing out.
    Element.prototype.scrollIntoView = vi.fn()
  })

  it('focuses the phase once the tab is there', async () => {
    await mounted.render(
      <MemoryRouter>
        <Screen />
      </MemoryRouter>,
    )
    await act(async () => {
      expect(current?.goTo({ tab: 'process', phase: 'analysis' })).toBe(true)
    })
    await frames(3)
    // Loading: the panel is busy and the focus has not moved yet.
    expect(mounted.container.querySelector('[aria-busy="true"]')?.textContent).toBe('Wird geladen …')
    expect(document.activeElement).toBe(document.body)
    await act(async () => finishLoad())
    await frames(3)
    expect(document.activeElement?.id).toBe('phase-analysis')
    expect(mounted.container.querySelector('[aria-busy="true"]')).toBeNull()
  })
})
