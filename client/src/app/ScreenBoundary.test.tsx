// @vitest-environment jsdom
/** The routed screen's boundary: a loading line while a lazy screen arrives, a message with a reload when it fails. */
import { act, lazy, useState, type ComponentType } from 'react'
import { MemoryRouter, Route, Routes, useNavigate, useParams } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import i18n from '../i18n/index.js'
import { mountedRoot } from '../testing/mountedRoot.js'
import { ScreenBoundary } from './ScreenBoundary.js'

await i18n.changeLanguage('de')

const mounted = mountedRoot()

afterEach(() => {
  vi.restoreAllMocks()
})

function GoToCases() {
  const navigate = useNavigate()
  return (
    <button type="button" data-testid="goCases" onClick={() => void navigate('/cases')}>
      Fälle
    </button>
  )
}

function app(start: string, Billing: ComponentType) {
  return (
    <MemoryRouter initialEntries={[start]}>
      <GoToCases />
      <ScreenBoundary>
        <Routes>
          <Route path="/billing" element={<Billing />} />
          <Route path="/cases" element={<p data-testid="cases">Meine Fälle</p>} />
        </Routes>
      </ScreenBoundary>
    </MemoryRouter>
  )
}

describe('ScreenBoundary', () => {
  it('says the screen is loading until its chunk arrives, then shows it', async () => {
    let arrive: (module: { default: ComponentType }) => void = () => undefined
    const Billing = lazy(() => new Promise<{ default: ComponentType }>((resolve) => (arrive = resolve)))
    await mounted.render(app('/billing', Billing))
    expect(mounted.container.querySelector('[role="status"]')?.textContent).toBe('Wird geladen …')
    await act(async () => arrive({ default: () => <h1>Abrechnung</h1> }))
    expect(mounted.container.querySelector('h1')?.textContent).toBe('Abrechnung')
    expect(mounted.container.querySelector('[role="status"]')).toBeNull()
  })

  it('shows a message with a reload when the chunk cannot be loaded, and another screen still opens', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const Billing = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')))
    await mounted.render(app('/billing', Billing))
    const alert = mounted.container.querySelector('[data-testid="app.screenFailed"]')
    expect(alert?.getAttribute('role')).toBe('alert')
    expect(alert?.textContent).toContain('Diese Seite konnte nicht geladen werden.')
    expect(alert?.querySelector('button')?.textContent).toBe('Neu laden')
    await act(async () => (mounted.container.querySelector('[data-testid="goCases"]') as HTMLButtonElement).click())
    expect(mounted.container.querySelector('[data-testid="cases"]')?.textContent).toBe('Meine Fälle')
    expect(mounted.container.querySelector('[data-testid="app.screenFailed"]')).toBeNull()
  })

  it('keeps the screen on a navigation that works (no remount per route change)', async () => {
    let mounts = 0
    function Case() {
      const { caseId } = useParams()
      const [mount] = useState(() => (mounts += 1))
      return <p data-testid="case">{`${caseId} ${mount}`}</p>
    }
    function GoToOther() {
      const navigate = useNavigate()
      return (
        <button type="button" data-testid="goOther" onClick={() => void navigate('/cases/b')}>
          b
        </button>
      )
    }
    await mounted.render(
      <MemoryRouter initialEntries={['/cases/a']}>
        <GoToOther />
        <ScreenBoundary>
          <Routes>
            <Route path="/cases/:caseId" element={<Case />} />
          </Routes>
        </ScreenBoundary>
      </MemoryRouter>,
    )
    expect(mounted.container.querySelector('[data-testid="case"]')?.textContent).toBe('a 1')
    await act(async () => (mounted.container.querySelector('[data-testid="goOther"]') as HTMLButtonElement).click())
    expect(mounted.container.querySelector('[data-testid="case"]')?.textContent).toBe('b 1')
  })
})
