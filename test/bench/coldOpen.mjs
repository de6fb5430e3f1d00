/**
 * Scenario 4, cold open: a room of many small updates opened by a fresh
 * client while the relay has it unloaded, first from Fallbuch's raw log
 * (rows written into its SQLite file directly, sealed as the relay seals
 * them) and then after the relay compacted it on unload. The references
 * keep rooms in memory only, so an idle client holds theirs open.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as Y from 'yjs'
import { withTimeout } from './deadline.mjs'
import { closeAll, encodeSyncUpdate, framingFor, nowMs, openReader, openWriter } from './protocol.mjs'

/** Opens of an unrelated room before a cold open is measured. */
const WarmUpOpens = 5

/** Stored log rows of a Fallbuch room, read from its SQLite file (read-only). */
function storedRows(dataDir, room) {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT COUNT(*) AS n FROM room_updates WHERE room = ?').get(room).n
  } finally {
    db.close()
  }
}

/** `count` small updates of one writing client: one array entry each, as typing makes them. */
function smallUpdates(count) {
  // A year of typing: one keystroke per update into a note's text. (Pushing
  // primitives into a Y.Array instead makes every replay merge arrays by
  // copying them, quadratic in Yjs 13, which no Fallbuch document does.)
  const doc = new Y.Doc()
  const updates = []
  doc.on('update', (update) => updates.push(update))
  const text = doc.getText('bench')
  const typed = 'Heute Kassenabschluss mit Frau Lange geübt; Wechselgeld stimmt jetzt meist. '
  for (let i = 0; i < count; i += 1) {
    text.insert(text.length, typed[i % typed.length])
  }
  doc.destroy()
  return updates
}

/**
 * Seals updates as the relay stores them (encryption at rest: the room's
 * data key from DATA_DIR/keys.sqlite, unwrapped with DATA_DIR/master.key),
 * with the built server's own modules.
 */
async function sealForRoom(dataDir, room, updates) {
  const module = (path) => import(new URL(`../../dist/server/server/src/${path}`, import.meta.url).href)
  const [{ sealRoomUpdate }, { keyOwnerOfRoom }, { Keyring }, { defaultKeyFile, masterKeySet, readKeyFile }, { SqliteKeyStore }] = await Promise.all([
    module('crypto/atRest.js'),
    module('crypto/keyOwners.js'),
    module('crypto/Keyring.js'),
    module('crypto/masterKeys.js'),
    module('storage/sqlite/SqliteKeyStore.js'),
  ])
  const path = defaultKeyFile(dataDir)
  const keyring = new Keyring(masterKeySet(readKeyFile(path), { kind: 'file', path, generated: false }), SqliteKeyStore.open(join(dataDir, 'keys.sqlite')))
  try {
    const key = await keyring.dataKey(keyOwnerOfRoom(room))
    return updates.map((update) => sealRoomUpdate(key, room, update))
  } finally {
    await keyring.close()
  }
}

/**
 * Appends updates to a Fallbuch room's log directly in its SQLite file (the
 * room must not be loaded): a log as long as a year of typing, which the
 * relay itself never lets grow (it compacts past COMPACT_AFTER_UPDATES).
 */
async function appendRows(dataDir, room, plainUpdates) {
  const updates = await sealForRoom(dataDir, room, plainUpdates)
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 10000')
    const head = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM room_updates WHERE room = ?')
    const insert = db.prepare('INSERT INTO room_updates (room, seq, data, created_at) VALUES (?, ?, ?, ?)')
    const now = new Date().toISOString()
    db.transaction(() => {
      let seq = head.get(room).n
      for (const update of updates) {
        seq += 1
        insert.run(room, seq, Buffer.from(update), now)
      }
    })()
  } finally {
    db.close()
  }
}

/** Waits until a Fallbuch relay holds no room in memory (GET /metrics); throws after `timeoutMs`. */
async function waitUntilUnloaded(relay, timeoutMs) {
  const deadline = nowMs() + timeoutMs
  let loaded = await relay.loadedRooms()
  while (loaded !== 0 && nowMs() < deadline) {
    await sleep(100)
    loaded = await relay.loadedRooms()
  }
  if (loaded !== 0) {
    throw new Error(`Fallbuch still holds ${loaded} room(s) in memory ${timeoutMs / 1000} s after the last client left`)
  }
}

/** Opens a room with a new reader; resolves with upgrade -> sync step 2 time and the state it got. */
async function timedOpen(relay, target) {
  const openStart = nowMs()
  // Fallbuch loads the room before it completes the upgrade: a long log takes a while under load.
  const reader = await openReader(target, { timeoutMs: 120_000 })
  const syncedAt = await withTimeout(reader.synced, 60_000, `${relay.name}: no sync step 2 within 60 s of an open`)
  await closeAll([reader])
  return { openMs: syncedAt - openStart, state: reader.step2 }
}

/** Entries of the bench array in a state; a note when not `expected`. */
function checkLength(state, expected, notes) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const length = doc.getText('bench').length
  doc.destroy()
  if (length !== expected) {
    notes.push(`an open delivered ${length} of ${expected} keystrokes`)
  }
}

/** Warms up the upgrade path of relay and harness (JIT) on an empty room. */
async function warmUp(relay) {
  const target = await relay.newRoom()
  for (let i = 0; i < WarmUpOpens; i += 1) {
    await timedOpen(relay, target)
  }
}

/**
 * Scenario 4, cold open: a room holding `updates` small updates; time from
 * a new client's upgrade request until its sync step 2, `opens` times.
 * Fallbuch: each open is of a room that is not loaded — first rooms whose
 * log holds the `updates` rows (written into SQLite, as a year of typing
 * would have left them without compaction), then the same room after the
 * relay compacted it on unload. References (in memory only): an idle
 * client keeps the room loaded (they would forget it otherwise), the
 * updates went in through the relay, and the open encodes it from memory;
 * they have no stored log, so "log" and "compacted" are the same for them.
 */
export async function coldOpen(relay, { updates, opens, unloadTimeoutMs }) {
  const notes = []
  const results = []
  const log = smallUpdates(updates)
  if (relay.isFallbuch) {
    for (let open = 0; open < opens; open += 1) {
      const target = await relay.newRoom()
      await appendRows(relay.dataDir, target.room, log)
      const rowsAtLogOpen = storedRows(relay.dataDir, target.room)
      await warmUp(relay)
      await waitUntilUnloaded(relay, unloadTimeoutMs)
      const fromLog = await timedOpen(relay, target)
      checkLength(fromLog.state, updates, notes)
      await waitUntilUnloaded(relay, unloadTimeoutMs)
      const rowsAtCompactedOpen = storedRows(relay.dataDir, target.room)
      await warmUp(relay)
      await waitUntilUnloaded(relay, unloadTimeoutMs)
      const compacted = await timedOpen(relay, target)
      checkLength(compacted.state, updates, notes)
      results.push({
        metrics: {
          logOpenMs: fromLog.openMs,
          compactedOpenMs: compacted.openMs,
          stateBytes: compacted.state.length,
          rowsAtLogOpen,
          rowsAtCompactedOpen,
        },
        notes: open === 0 ? notes : [],
      })
    }
    return results
  }
  const target = await relay.newRoom()
  const keeper = await openReader(target)
  await withTimeout(keeper.synced, 30_000, `${relay.name}: no sync step 2 within 30 s (idle client)`)
  // The updates go in merged a thousand at a time: the relay's doc ends up the same, faster.
  const writer = await openWriter(target)
  const framing = framingFor(target)
  const chunk = 1_000
  for (let i = 0; i < log.length; i += chunk) {
    writer.ws.send(framing.wrap(encodeSyncUpdate(Y.mergeUpdates(log.slice(i, i + chunk)))))
    await withTimeout(writer.roundTrip(), 60_000, `${relay.name}: a chunk of ${chunk} updates was not handled within 60 s`)
  }
  await closeAll([writer])
  for (let open = 0; open < opens; open += 1) {
    await warmUp(relay)
    const opened = await timedOpen(relay, target)
    checkLength(opened.state, updates, notes)
    results.push({
      metrics: { logOpenMs: opened.openMs, compactedOpenMs: opened.openMs, stateBytes: opened.state.length, rowsAtLogOpen: Number.NaN, rowsAtCompactedOpen: Number.NaN },
      notes: open === 0 ? notes : [],
    })
  }
  await closeAll([keeper])
  return results
}
