// @vitest-environment jsdom
import { act, createElement, Fragment, useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { useYVersion } from './useYVersion.js'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

function Reader({ map }: { map: Y.Map<unknown> }) {
  useYVersion(map)
  return createElement('span', { 'data-testid': 'value' }, String(map.get('title') ?? 'none'))
}

/** Changes the map after the reader rendered but before its subscription exists (as a sync step 2 may). */
function EarlyWriter({ map }: { map: Y.Map<unknown> }) {
  useLayoutEffect(() => {
    map.set('title', 'Kassenbereich Supermarkt')
  }, [map])
  return null
}

describe('useYVersion', () => {
  it('shows a change that lands between the render and the subscription', async () => {
    const map = new Y.Doc().getMap('meta')
    const container = document.createElement('div')
    const root = createRoot(container)
    await act(async () => {
      root.render(createElement(Fragment, null, createElement(Reader, { map }), createElement(EarlyWriter, { map })))
    })
    expect(container.textContent).toBe('Kassenbereich Supermarkt')
    await act(async () => {
      map.set('title', 'Lager')
    })
    expect(container.textContent).toBe('Lager')
    root.unmount()
  })
})
