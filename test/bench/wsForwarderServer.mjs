/**
 * The bench's ws forwarder (issue 21, point 7): a relay that does the least
 * a relay on Node and `ws` does per message, and nothing else. Each message
 * is framed once and the frame written whole to the other sockets of its
 * room (the URL path), as Fallbuch writes what it forwards (one plain write
 * per reader); a client's sync step 1 is answered with an empty sync step
 * 2, so the bench's clients count as synced. No Yjs, no state, no auth, no
 * echo to the sender. What it reaches on this machine (delays, memory, CPU,
 * rate) is what Node, `ws` and the loopback alone cost. It sends every
 * message as it comes; it never merges waiting ones as Fallbuch does.
 *
 *   HOST, PORT   where to listen (default 127.0.0.1, a free port)
 */
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'

/** y-websocket: messageSync (0), then syncStep1 (0) / syncStep2 (1) / update (2). */
const MessageSync = 0
const SyncStep1 = 0
/** Sync step 2 carrying an empty update (no structs, empty delete set): [sync, step 2, length 2, 0, 0]. */
const EmptyStepTwo = Uint8Array.of(MessageSync, 1, 2, 0, 0)

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 0)
/** Room path -> its open connections ({ ws, socket }). */
const rooms = new Map()

/** An unmasked binary WebSocket frame of `payload` (RFC 6455, server to client). */
function binaryFrame(payload) {
  const length = payload.length
  const header = length < 126 ? Buffer.from([0x82, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10)
  if (length >= 126 && length < 65_536) {
    header[0] = 0x82
    header[1] = 126
    header.writeUInt16BE(length, 2)
  } else if (length >= 65_536) {
    header[0] = 0x82
    header[1] = 127
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([header, payload])
}

function connected(ws, socket, request) {
  const name = request.url ?? '/'
  let peers = rooms.get(name)
  if (peers === undefined) {
    peers = new Set()
    rooms.set(name, peers)
  }
  const me = { ws, socket }
  peers.add(me)
  ws.on('message', (data) => {
    if (data[0] === MessageSync && data[1] === SyncStep1) {
      ws.send(EmptyStepTwo)
      return
    }
    let frame = null
    for (const peer of peers) {
      if (peer !== me && peer.ws.readyState === peer.ws.OPEN) {
        frame ??= binaryFrame(data)
        peer.socket.write(frame)
      }
    }
  })
  ws.on('close', () => {
    peers.delete(me)
    if (peers.size === 0) {
      rooms.delete(name)
    }
  })
  ws.on('error', () => ws.terminate())
}

// No permessage-deflate, so ws never queues a frame of its own behind ours.
const server = new WebSocketServer({ noServer: true, perMessageDeflate: false })
const http = createServer((_request, response) => {
  response.writeHead(426).end()
})
http.on('upgrade', (request, socket, head) => {
  server.handleUpgrade(request, socket, head, (ws) => connected(ws, socket, request))
})
http.listen(port, host, () => {
  process.stdout.write(`running at ${host}:${http.address().port}\n`)
})
// It keeps nothing, so it has nothing to finish: stop at once.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0))
}
