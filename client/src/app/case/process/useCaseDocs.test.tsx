// @vitest-environment jsdom
import { act, createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { interimScheduleOf, setInterimSchedule } from '../../../../../shared/src/report/parts.js'
import { sameReadValue, useDocValue } from './useCaseDocs.js'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('sameReadValue', () => {
  it('takes equal small objects as the same, and anything that differs as changed', () => {
    expect(sameReadValue({ a: 1, b: undefined }, { a: 1, b: undefined })).toBe(true)
    expect(sameReadValue({ a: 1 }, { a: 2 })).toBe(false)
    expect(sameReadValue({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(sameReadValue({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false)
    expect(sameReadValue([{ from: 'analysis', at: '2026-03-01' }], [{ from: 'analysis', at: '2026-03-01' }])).toBe(true)
    expect(sameReadValue([{ from: 'analysis' }], [{ from: 'intervention' }])).toBe(false)
    expect(sameReadValue([1], [1, 2])).toBe(false)
    expect(sameReadValue([1], { 0: 1 })).toBe(false)
    expect(sameReadValue(new Date(0), new Date(0))).toBe(false)
    expect(sameReadValue('x', 'x')).toBe(true)
    expect(sameReadValue(null, {})).toBe(false)
  })
})

describe('useDocValue', () => {
  let root: Root
  let renders = 0
  let latest: unknown

  function Probe({ doc }: { doc: Y.Doc }) {
    renders += 1
    latest = useDocValue(doc, interimScheduleOf)
    return null
  }

  beforeEach(() => {
    root = createRoot(document.createElement('div'))
    renders = 0
  })
  afterEach(() => {
    act(() => root.unmount())
  })

  it('does not re-render for typing elsewhere in the document, only when the value read changes', () => {
    const doc = new Y.Doc()
    act(() => root.render(createElement(Probe, { doc })))
    const settled = renders
    const note = doc.getXmlFragment('phase:analysis')
    act(() => {
      note.insert(0, [new Y.XmlText('')])
      for (const letter of 'Kasse') {
        const text = note.get(0) as Y.XmlText
        text.insert(text.length, letter)
      }
    })
    // Each keystroke read the schedule again (a new object each time), and nothing re-rendered.
    expect(renders).toBe(settled)
    act(() => setInterimSchedule(doc, { thenEveryMonths: 6 }))
    expect(renders).toBe(settled + 1)
    expect(latest).toMatchObject({ thenEveryMonths: 6 })
  })
})
