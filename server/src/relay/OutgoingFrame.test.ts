import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { binaryFrame, OutgoingFrame } from './OutgoingFrame.js'

/** A ws server as the relay runs it (noServer, the upgraded socket in hand) and a ws client connected to it. */
async function connectedPair(): Promise<{ server: Server; ws: WebSocket; socket: Duplex; client: WebSocket; received: Buffer[] }> {
  const server = createServer()
  const wss = new WebSocketServer({ noServer: true })
  const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) => {
    server.on('upgrade', (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, (ws) => resolve({ ws, socket }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  const received: Buffer[] = []
  client.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(true)
    received.push(data)
  })
  await new Promise((resolve, reject) => {
    client.once('open', resolve)
    client.once('error', reject)
  })
  return { server, client, received, ...(await accepted) }
}

function payload(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff)
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out')
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('OutgoingFrame', () => {
  let server: Server | null = null
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
    server = null
  })

  it('frames every payload length class so that a ws client reads the messages whole and in order, between frames ws sent itself', async () => {
    const pair = await connectedPair()
    server = pair.server
    // 7-bit, 16-bit and 64-bit lengths, and the edges between them.
    const lengths = [0, 1, 125, 126, 65_535, 65_536, 200_000]
    const expected: Uint8Array[] = []
    lengths.forEach((length, index) => {
      const direct = payload(length, index)
      pair.socket.write(binaryFrame(direct))
      expected.push(direct)
      // ws's own send and a ping in between: nothing may overtake or split a frame.
      const viaWs = payload(3, 100 + index)
      pair.ws.send(viaWs)
      pair.ws.ping()
      expected.push(viaWs)
    })
    const shared = new OutgoingFrame(payload(300, 7))
    pair.socket.write(shared.bytes)
    pair.socket.write(shared.bytes)
    expected.push(shared.message, shared.message)
    await until(() => pair.received.length === expected.length)
    expect(pair.received.map((data) => [...data])).toEqual(expected.map((data) => [...data]))
    pair.client.close()
  })

  it('frames once however many connections it goes to', () => {
    const frame = new OutgoingFrame(payload(10, 1))
    expect(frame.bytes).toBe(frame.bytes)
    expect([...frame.bytes.subarray(0, 2)]).toEqual([0x82, 10])
  })
})
