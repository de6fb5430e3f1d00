/** Entry point: `node dist/server/server/src/main.js` (npm run serve / start). */
// First: V8's settings apply only to what is allocated after them.
import './v8Flags.js'
import { errorMessage } from '../../shared/src/errors.js'
import { ConfigError, loadConfig } from './config/loadConfig.js'
import { startServer } from './createServer.js'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
  const server = await startServer(config)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    process.stderr.write(`Fallbuch: ${signal} received, shutting down\n`)
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`Fallbuch: shutdown failed: ${errorMessage(err)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err: unknown) => {
  process.stderr.write(`Fallbuch failed to start: ${errorMessage(err)}\n`)
  process.exit(1)
})
