/**
 * The delay of one quiet room: a writer and two readers, one update every
 * 20 ms, each relay named on the command line in turn. Nothing else runs,
 * so this is the floor of the provider's day on this machine: what the
 * hops (load generator -> relay -> PostgreSQL -> relay -> Redis -> relay
 * -> load generator) and waking each process cost, without load.
 * Scaled out, a room's sockets alternate between the processes: the writer
 * and reader 2 share one, reader 1 is on the other, so reader 1's figure
 * includes the Redis hop and reader 2's does not.
 *
 *   node test/bench/quietRoom.mjs 'Fallbuch' 'Fallbuch, PG+Redis x2' y-websocket-server
 *   QUIET_UPDATES=n  updates per relay (default 300)
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closeAll, nowMs, openReader, openWriter } from './protocol.mjs'
import { startRelay } from './relays.mjs'
import { delayCollector, stampRecorder } from './scenarios.mjs'
import { quantile } from './stats.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const updates = Number(process.env.QUIET_UPDATES) > 0 ? Number(process.env.QUIET_UPDATES) : 300
const names = process.argv.slice(2)
if (names.length === 0) {
  process.stderr.write("usage: node test/bench/quietRoom.mjs <relay name> ... (e.g. 'Fallbuch' 'Fallbuch, PG+Redis x2' y-websocket-server)\n")
  process.exit(2)
}

const format = (values) => ['p50', 'p90', 'p99'].map((label) => `${label} ${quantile(values, Number(label.slice(1)) / 100).toFixed(2)}`).join('  ')

for (const name of names) {
  const relay = await startRelay(name, root)
  try {
    const target = await relay.newRoom()
    const perReader = [delayCollector(updates), delayCollector(updates)]
    const writer = await openWriter(target)
    const readers = [await openReader(target, { onUpdate: stampRecorder(perReader[0]) }), await openReader(target, { onUpdate: stampRecorder(perReader[1]) })]
    await Promise.all(readers.map((reader) => reader.synced))
    for (let k = 0; k < updates; k += 1) {
      writer.push(`${k}:${nowMs().toFixed(3)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
    await closeAll([writer, ...readers])
    const all = perReader.flatMap((delays) => [...delays.values()])
    console.log(`${name}: ${all.length} of ${2 * updates} delivered; delay (ms) ${format(all)}`)
    for (const [index, delays] of perReader.entries()) {
      console.log(`  reader ${index + 1}: ${format(delays.values())}`)
    }
  } finally {
    await relay.stop()
  }
}
process.exit(0)
