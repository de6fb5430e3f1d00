/**
 * The server-side WebSocket class of the sync endpoint: ws's own, except that
 * a close for an oversized message carries the contract's MessageTooLarge
 * (4413) instead of the RFC 6455 code 1009 (contract §5).
 *
 * Why a subclass: the size limit is ws's `maxPayload`, which rejects a
 * message as soon as a frame header announces too many bytes (receiver.js
 * `haveLength`; `decompress` for inflated data), so an oversized message is
 * never buffered whole. When it does, ws's `receiverOnError` (websocket.js)
 * calls `websocket.close(err[kStatusCode])` itself — with 1009 — before it
 * emits 'error', so by the time our code hears of it the close frame is on its
 * way and cannot be changed. `WebSocketServer` builds its sockets with
 * `new options.WebSocket(...)` (websocket-server.js `completeUpgrade`), so
 * overriding `close` here is the one place that sees that call. Checked
 * against ws 8.23: every 1009 ws produces (receiver.js `haveLength`, the
 * 2^53 length check, permessage-deflate's inflate limit) means "message too
 * big", and the relay itself never closes with 1009.
 */
import { WebSocket } from 'ws'
import { MessageTooLarge } from '../../../shared/src/protocol/closeCodes.js'

/** RFC 6455 "message too big", as ws sends it for `maxPayload`. */
const WsMessageTooBig = 1009

/** ws's WebSocket with 1009 closes mapped to MessageTooLarge (4413). */
export class RelayWebSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === WsMessageTooBig) {
      super.close(MessageTooLarge.code, MessageTooLarge.reason)
      return
    }
    super.close(code, data)
  }
}
