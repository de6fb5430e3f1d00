/**
 * Around the routed screen: a loading line while a lazily loaded screen
 * arrives (lazyScreens.ts), and a message with a reload instead of a blank
 * page when a screen fails to load or render. The usual cause is a new
 * version: its service worker removed the old version's chunks while this
 * page still ran the old code, so the reload asks for the new version first.
 */
import { Component, Suspense, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router'
import { reloadIntoNewVersion } from './appUpdate.js'

function Loading() {
  const { t } = useTranslation()
  return <p role="status">{t('app.loading')}</p>
}

function Failed() {
  const { t } = useTranslation()
  return (
    <div role="alert" data-testid="app.screenFailed">
      <p>{t('app.screenFailed')}</p>
      <button type="button" onClick={() => void reloadIntoNewVersion()}>
        {t('app.reload')}
      </button>
    </div>
  )
}

interface BoundaryState {
  failed: boolean
  /** The route the screen was shown for (while failed: the route that failed). */
  at: string
}

class Boundary extends Component<{ pathname: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false, at: this.props.pathname }

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true }
  }

  // Another route starts afresh; no key, so screens are not remounted on every navigation.
  static getDerivedStateFromProps(props: { pathname: string }, state: BoundaryState): Partial<BoundaryState> | null {
    if (props.pathname === state.at) {
      return null
    }
    return { failed: false, at: props.pathname }
  }

  override render() {
    return this.state.failed ? <Failed /> : this.props.children
  }
}

/** Leaving a failed screen for another route works without a reload. */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation()
  return (
    <Boundary pathname={pathname}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Boundary>
  )
}
