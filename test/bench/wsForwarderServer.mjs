/**
 * The bench's floor reference (issue 21, point 7): a relay that does the
 * least any relay on Node and `ws` must do, and nothing else. Each frame is
 * forwarded as it came to the other sockets of its room (the URL path); a
 * client's sync step 1 is answered with an empty sync step 2, so the
 * bench's clients count as synced. No Yjs, no state, no auth, no echo to the
 * sender. What it reaches on this machine (delays, memory, CPU, rate) is
 * what Node, `ws` and the loopback cost: a target below it cannot be met by
 * any relay on this stack here.
 *
 *   HOST, PORT   where to listen (default 127.0.0.1, a free port)
 */
import { WebSocketServer } from 'ws'

/** y-websocket: messageSync (0), then syncStep1 (0) / syncStep2 (1) / update (2). */
const MessageSync = 0
const SyncStep1 = 0
/** Sync step 2 carrying an empty update (no structs, empty delete set): [sync, step 2, length 2, 0, 0]. */
const EmptyStepTwo = Uint8Array.of(MessageSync, 1, 2, 0, 0)

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 0)
/** Room path -> its open sockets. */
const rooms = new Map()

const server = new WebSocketServer({ host, port, perMessageDeflate: false })
server.on('connection', (socket, request) => {
  const name = request.url ?? '/'
  let peers = rooms.get(name)
  if (peers === undefined) {
    peers = new Set()
    rooms.set(name, peers)
  }
  peers.add(socket)
  socket.on('message', (data) => {
    if (data[0] === MessageSync && data[1] === SyncStep1) {
      socket.send(EmptyStepTwo)
      return
    }
    for (const peer of peers) {
      if (peer !== socket && peer.readyState === peer.OPEN) {
        peer.send(data, { binary: true })
      }
    }
  })
  socket.on('close', () => {
    peers.delete(socket)
    if (peers.size === 0) {
      rooms.delete(name)
    }
  })
  socket.on('error', () => socket.terminate())
})
server.on('listening', () => {
  process.stdout.write(`running at ${host}:${server.address().port}\n`)
})
// It keeps nothing, so it has nothing to finish: stop at once.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0))
}
