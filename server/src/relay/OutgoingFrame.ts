/**
 * A binary message on its way to one or more sync connections, framed once
 * (RFC 6455 §5.2: FIN, binary opcode, unmasked as a server sends it) and
 * written whole to each socket.
 *
 * Why not `ws.send` for every connection: ws frames each send again and
 * writes header and payload as two chunks, corked, so every reader of a
 * broadcast costs a header allocation, a writev and a callback tick. A CPU
 * profile of the fan-out (1 writer, 200 readers, issue 21) put that part of
 * ws's and the stream's send path at about 9 % of the relay's time, beside
 * 64 % in the kernel's write itself, which nothing here can shorten.
 *
 * Writing to the socket ws holds is safe because ws writes every frame it
 * sends (close, pong) to the socket at once, in call order: its sender only
 * queues frames while it compresses, and the relay's server negotiates no
 * permessage-deflate (Connection checks that each socket has no extension).
 */

/** Bytes of the longest header: 2, plus 8 for a 64-bit length. */
const MaxHeaderBytes = 10

/** A message framed once for every connection it is sent to. */
export class OutgoingFrame {
  private framed: Buffer | null = null

  constructor(
    /** The message (one sync or awareness message of the protocol). */
    readonly message: Uint8Array,
  ) {}

  /** The whole frame, header and payload in one buffer (made on first use, then shared). */
  get bytes(): Buffer {
    this.framed ??= binaryFrame(this.message)
    return this.framed
  }
}

/** One unfragmented, unmasked binary frame carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : MaxHeaderBytes
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = 0x82 // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length
  } else if (length < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(payload, headerBytes)
  return frame
}
