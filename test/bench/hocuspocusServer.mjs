/**
 * The Hocuspocus reference relay for the bench, as it ships: `new Server()`
 * without extensions, so documents live in memory only (nothing persisted,
 * no authentication). Run as its own process by relays.mjs; prints
 * `running at <port>` once listening. PORT and HOST from the environment.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
})
await server.listen()
process.stdout.write(`running at ${server.httpServer.address().port}\n`)

const stop = () => {
  server.destroy().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
