import { describe, expect, it } from 'vitest'
import type { RoomAppend, RoomAppendOutcome } from '../../storage/rooms/RoomStorage.js'
import { GroupCommit } from './GroupCommit.js'

/** A storage that records each group it is asked to commit; rooms in `failing` fail alone. */
function recordingStorage(failing: ReadonlySet<string> = new Set()) {
  const groups: string[][] = []
  let seq = 0
  return {
    groups,
    async appendToRooms(appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]> {
      groups.push(appends.map((entry) => entry.room))
      return appends.map(({ room, updates }) =>
        failing.has(room) ? { ok: false, error: new Error(`${room} refused`) } : { ok: true, result: { seqs: updates.map(() => (seq += 1)) } },
      )
    },
  }
}

const update = new Uint8Array([1])

describe('GroupCommit', () => {
  it('commits what every room hands over in one event-loop turn as one group', async () => {
    const storage = recordingStorage()
    const commits = new GroupCommit(storage)
    // Each room's queue asks from its own setImmediate callback, as CommitQueue does.
    const results = await Promise.all(
      ['cases/a/plan', 'cases/b/plan', 'cases/c/notes'].map(
        (room) => new Promise((resolve, reject) => setImmediate(() => commits.append(room, [update, update]).then(resolve, reject))),
      ),
    )
    expect(storage.groups).toEqual([['cases/a/plan', 'cases/b/plan', 'cases/c/notes']])
    expect(results).toEqual([{ seqs: [1, 2] }, { seqs: [3, 4] }, { seqs: [5, 6] }])
  })

  it('rejects only the room that failed; the others of the group commit', async () => {
    const commits = new GroupCommit(recordingStorage(new Set(['cases/bad/plan'])))
    const outcomes = await Promise.allSettled([commits.append('cases/ok/plan', [update]), commits.append('cases/bad/plan', [update]), commits.append('cases/ok2/plan', [update])])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })

  it('puts a second batch of the same room into the next group (a room appears once per transaction)', async () => {
    const storage = recordingStorage()
    const commits = new GroupCommit(storage)
    await Promise.all([commits.append('cases/a/plan', [update]), commits.append('cases/a/plan', [update]), commits.append('cases/b/plan', [update])])
    expect(storage.groups).toEqual([['cases/a/plan', 'cases/b/plan'], ['cases/a/plan']])
  })

  it('lets batches handed over while a group commits wait and go together into the next group', async () => {
    const groups: string[][] = []
    let release: () => void = () => {}
    let seq = 0
    const storage = {
      async appendToRooms(appends: readonly RoomAppend[]): Promise<RoomAppendOutcome[]> {
        groups.push(appends.map((entry) => entry.room))
        // The first group stays in flight (a slow PostgreSQL round trip) until released.
        if (groups.length === 1) {
          await new Promise<void>((resolve) => (release = resolve))
        }
        return appends.map(({ updates }) => ({ ok: true, result: { seqs: updates.map(() => (seq += 1)) } }))
      },
    }
    const commits = new GroupCommit(storage)
    const first = commits.append('cases/a/plan', [update])
    await new Promise((resolve) => setImmediate(resolve))
    expect(groups).toEqual([['cases/a/plan']])
    // Three turns' worth of batches while the first group is in flight.
    const later: Promise<unknown>[] = []
    for (const room of ['cases/b/plan', 'cases/c/notes', 'cases/d/plan']) {
      later.push(commits.append(room, [update]))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(groups).toHaveLength(1)
    release()
    await first
    await Promise.all(later)
    expect(groups).toEqual([['cases/a/plan'], ['cases/b/plan', 'cases/c/notes', 'cases/d/plan']])
  })
})
