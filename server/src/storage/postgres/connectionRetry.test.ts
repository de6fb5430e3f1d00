/**
 * Which statements are repeated after a broken connection: only reads. A
 * write whose connection broke may have committed, and repeating it would
 * store it twice.
 */
import { describe, expect, it } from 'vitest'
import { isReadOnlyStatement } from './connectionRetry.js'

describe('isReadOnlyStatement', () => {
  it('repeats plain reads', () => {
    expect(isReadOnlyStatement('SELECT seq, data FROM room_updates WHERE room = $1')).toBe(true)
    expect(isReadOnlyStatement('  with heads AS (SELECT 1) SELECT * FROM heads')).toBe(true)
  })

  it('never repeats writes, also inside a WITH', () => {
    expect(isReadOnlyStatement('INSERT INTO room_updates VALUES ($1)')).toBe(false)
    expect(isReadOnlyStatement('WITH gone AS (DELETE FROM sessions RETURNING 1) SELECT count(*) FROM gone')).toBe(false)
  })

  it('never repeats a call of our own functions, which write (the group commit)', () => {
    expect(isReadOnlyStatement('SELECT appended_room, appended_last FROM fallbuch_append_rooms($1::text[], $2)')).toBe(false)
  })
})
