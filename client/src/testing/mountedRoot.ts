/**
 * A React root in jsdom for component tests: a fresh container per test,
 * unmounted and removed after it (registers its own beforeEach/afterEach).
 */
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

export interface MountedRoot {
  /** The current test's container. */
  readonly container: HTMLDivElement
  /** Renders into the current test's root and lets effects and resolved promises run. */
  render(node: ReactNode): Promise<void>
}

export function mountedRoot(): MountedRoot {
  let container: HTMLDivElement | null = null
  let root: Root | null = null
  beforeEach(() => {
    ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
    container = document.createElement('div')
    document.body.append(container)
    root = createRoot(container)
  })
  afterEach(() => {
    act(() => root?.unmount())
    container?.remove()
  })
  return {
    get container() {
      if (container === null) {
        throw new Error('mountedRoot: used outside a test')
      }
      return container
    },
    async render(node) {
      await act(async () => {
        root?.render(node)
      })
    },
  }
}
