/**
 * Single client-id binds grouped per turn (issue 21), on SQLite: one
 * statement for the binds of many rooms and accounts, each asker told only
 * its own outcome.
 */
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { SqliteDatabase } from '../sqlite/SqliteDatabase.js'
import { ClientIdBindGroup } from './ClientIdBindGroup.js'

function bindGroup() {
  const raw = new Database(':memory:')
  raw.exec('CREATE TABLE yjs_client_ids (room TEXT NOT NULL, client_id INTEGER NOT NULL, user_id TEXT NOT NULL, bound_at TEXT NOT NULL, PRIMARY KEY (room, client_id)) WITHOUT ROWID')
  const db = new SqliteDatabase(raw)
  const query = vi.spyOn(db, 'query')
  const owner = (room: string, clientId: number): unknown =>
    (raw.prepare('SELECT user_id FROM yjs_client_ids WHERE room = ? AND client_id = ?').get(room, clientId) as { user_id: string } | undefined)?.user_id
  const ownerOf = async (room: string, clientId: number): Promise<string | null> => (owner(room, clientId) as string | undefined) ?? null
  return { group: new ClientIdBindGroup(db, ownerOf), query, owner, raw }
}

describe('ClientIdBindGroup', () => {
  it("binds the ids of one turn's connections in one statement, each to its own account", async () => {
    const { group, query, owner } = bindGroup()
    const big = 4_294_967_295
    const outcomes = await Promise.all([group.bind('cases/a/plan', 'miriam', 1), group.bind('cases/b/notes', 'tobias', 1), group.bind('cases/a/plan', 'anna', big)])
    expect(outcomes).toEqual([[], [], []])
    expect(query).toHaveBeenCalledTimes(1)
    expect([owner('cases/a/plan', 1), owner('cases/b/notes', 1), owner('cases/a/plan', big)]).toEqual(['miriam', 'tobias', 'anna'])
  })

  it('gives an id two accounts ask for in the same turn to the first; the other learns it is foreign', async () => {
    const { group, owner } = bindGroup()
    const [first, second] = await Promise.all([group.bind('cases/a/plan', 'anna', 9), group.bind('cases/a/plan', 'ben', 9)])
    expect(first).toEqual([])
    expect(second).toEqual([9])
    expect(owner('cases/a/plan', 9)).toBe('anna')
  })

  it('answers an id bound earlier by its owner: the same account again, another account refused', async () => {
    const { group } = bindGroup()
    expect(await group.bind('cases/a/plan', 'miriam', 5)).toEqual([])
    expect(await Promise.all([group.bind('cases/a/plan', 'miriam', 5), group.bind('cases/a/plan', 'tobias', 5)])).toEqual([[], [5]])
  })

  it('fails every bind of a group whose statement fails, and the next group works again', async () => {
    const { group, raw } = bindGroup()
    raw.exec('ALTER TABLE yjs_client_ids RENAME TO moved')
    const failed = await Promise.allSettled([group.bind('cases/a/plan', 'miriam', 1), group.bind('cases/b/plan', 'tobias', 2)])
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
    raw.exec('ALTER TABLE moved RENAME TO yjs_client_ids')
    expect(await group.bind('cases/a/plan', 'miriam', 1)).toEqual([])
  })

  it('forms the next group from binds asked for while one is being written', async () => {
    const { group, query } = bindGroup()
    const first = group.bind('cases/a/plan', 'miriam', 1)
    await new Promise((resolve) => setImmediate(resolve))
    const later = [group.bind('cases/b/plan', 'tobias', 2), group.bind('cases/c/plan', 'anna', 3)]
    expect(await Promise.all([first, ...later])).toEqual([[], [], []])
    expect(query).toHaveBeenCalledTimes(2)
  })
})
