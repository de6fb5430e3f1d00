import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addGoal, emptyGoal, findGoalMap, initPlanDoc, planMeta, setGoalField } from '../../../../shared/src/caseDocument/plan.js'
import { UpdateJudge } from './UpdateJudge.js'

/** The room's document: a seeded v2 plan. */
function roomDoc(): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Lager' })
  return doc
}

/** The update `edit` makes on a replica of `doc` (the replica keeps it, like a client). */
function editOf(replica: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(replica)
  edit(replica)
  return Y.encodeStateAsUpdate(replica, before)
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return replica
}

describe('UpdateJudge', () => {
  it('judges an update of a batch against the state including the earlier accepted ones', () => {
    const room = roomDoc()
    const judge = new UpdateJudge(room, { kind: 'plan', caseId: 'c1' })
    const client = replicaOf(room)
    const addsGoal = editOf(client, (doc) => addGoal(doc, emptyGoal('g1')))
    const breaksGoal = editOf(client, (doc) => setGoalField(doc, 'g1', 'status', 'erledigt' as never))
    expect(judge.judge(addsGoal, 'coach', [])).toBeNull()
    // The goal exists only in the batch so far: the room's doc has not applied it.
    expect(findGoalMap(room, 'g1')).toBeUndefined()
    expect(judge.judge(breaksGoal, 'coach', [{ update: addsGoal }])?.reason).toBe('invalid')
  })

  it('rebuilds its scratch after a refusal: the refused update leaves no trace in later judgements', () => {
    const room = roomDoc()
    const judge = new UpdateJudge(room, { kind: 'plan', caseId: 'c1' })
    const client = replicaOf(room)
    const oldApp = editOf(client, (doc) => planMeta(doc).set('title', 'alte App'))
    expect(judge.judge(oldApp, 'coach', [])?.reason).toBe('invalid')
    // Judged against the room as it is, a valid edit of the same key passes.
    const honest = editOf(replicaOf(room), (doc) => planMeta(doc).set('hoursBudget', 40))
    expect(judge.judge(honest, 'coach', [])).toBeNull()
  })

  it('follows the updates the room applies without judging them, and can be dropped and rebuilt', () => {
    const room = roomDoc()
    const judge = new UpdateJudge(room, { kind: 'plan', caseId: 'c1' })
    const writer = replicaOf(room)
    expect(judge.judge(editOf(writer, (doc) => addGoal(doc, emptyGoal('g1'))), 'coach', [])).toBeNull()
    Y.applyUpdate(room, Y.encodeStateAsUpdate(writer))
    // Another process's commit, applied by the room and followed by the scratch.
    const remote = editOf(replicaOf(room), (doc) => addGoal(doc, emptyGoal('g2')))
    Y.applyUpdate(room, remote)
    judge.follow(remote)
    const next = replicaOf(room)
    expect(judge.judge(editOf(next, (doc) => setGoalField(doc, 'g2', 'status', 'achieved')), 'employer', [])).toBeNull()
    judge.discard()
    expect(judge.judge(editOf(next, (doc) => setGoalField(doc, 'g2', 'status', 'nope' as never)), 'coach', [])?.reason).toBe('invalid')
  })
})
