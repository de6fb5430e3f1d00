import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { setPlanMetaField } from '../../../../shared/src/caseDocument/plan.js'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import { createLogger } from '../../log.js'
import type { HookedRoom } from '../room/RoomHooks.js'
import { planTitleMirror } from './planTitleMirror.js'

const caseId = 'c'.repeat(16)

function room(kind: 'plan' | 'notes'): HookedRoom {
  const parsed = { kind, caseId } as RoomName
  return { name: `cases/${caseId}/${kind}`, parsed, doc: new Y.Doc() }
}

describe('planTitleMirror', () => {
  it('writes a changed plan title into the case row once, trimmed, and ignores what did not change', async () => {
    const updateCase = vi.fn(async () => {})
    const hook = planTitleMirror({ updateCase }, createLogger({ logLevel: 'silent' }))
    const plan = room('plan')
    setPlanMetaField(plan.doc, 'title', 'Kasse')
    hook.loaded?.(plan)
    hook.afterCommit?.({ room: plan, updates: [], seqs: [] })
    expect(updateCase).not.toHaveBeenCalled()

    setPlanMetaField(plan.doc, 'title', '  Kassenbereich ')
    hook.afterCommit?.({ room: plan, updates: [], seqs: [] })
    hook.afterCommit?.({ room: plan, updates: [], seqs: [] })
    expect(updateCase).toHaveBeenCalledTimes(1)
    expect(updateCase).toHaveBeenCalledWith(caseId, { title: 'Kassenbereich' })
  })

  it('leaves other rooms and empty titles alone', () => {
    const updateCase = vi.fn(async () => {})
    const hook = planTitleMirror({ updateCase }, createLogger({ logLevel: 'silent' }))
    const notes = room('notes')
    hook.loaded?.(notes)
    hook.afterCommit?.({ room: notes, updates: [], seqs: [] })
    const plan = room('plan')
    hook.loaded?.(plan)
    setPlanMetaField(plan.doc, 'title', '   ')
    hook.afterCommit?.({ room: plan, updates: [], seqs: [] })
    expect(updateCase).not.toHaveBeenCalled()
  })
})
