import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net'
import { whenDone } from './whenDone.js'

/**
 * A TCP proxy in front of the relay whose link can be cut: a real network
 * failure for everything a browser sends through it (page, service worker,
 * websockets), which browser-side offline emulation does not guarantee.
 */
export interface TcpProxy {
  /** Port the proxy listens on (127.0.0.1). */
  port: number
  /** `http://127.0.0.1:<port>`. */
  url: string
  /** Cuts every open connection and refuses new ones until `connect()`. */
  disconnect(): void
  /** Accepts and forwards connections again. */
  connect(): void
  close(): Promise<void>
}

/** Starts a proxy to 127.0.0.1:targetPort; closed when the calling test ends (or the file, outside a test: whenDone.ts). */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let online = true
  const open = new Set<Socket>()
  const server: Server = createServer((client) => {
    if (!online) {
      client.destroy()
      return
    }
    const upstream = connectTcp(targetPort, '127.0.0.1')
    open.add(client)
    open.add(upstream)
    const drop = (): void => {
      client.destroy()
      upstream.destroy()
      open.delete(client)
      open.delete(upstream)
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('proxy has no port')
  }
  const proxy: TcpProxy = {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    disconnect() {
      online = false
      for (const socket of open) {
        socket.destroy()
      }
      open.clear()
    },
    connect() {
      online = true
    },
    close() {
      proxy.disconnect()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
  whenDone(() => proxy.close())
  return proxy
}
