/**
 * `npm run rotate-master-key`: re-wraps every data key of the installation
 * (DATA_DIR, or DATABASE_URL + DATABASE_SCHEMA) with a new master key. Stop
 * every relay process first. See commands/rotateMasterKey.ts and the README
 * (Data protection → Encryption at rest / keys) for the steps.
 */
import { errorMessage } from '../../shared/src/errors.js'
import { rotateMasterKey } from './commands/rotateMasterKey.js'
import { loadConfig } from './config/loadConfig.js'
import { createLogger } from './log.js'

async function main(): Promise<void> {
  const config = loadConfig(process.env)
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel })
  const result = await rotateMasterKey(config, logger)
  const lines = [
    `${result.resumed ? 'Finished the rotation' : 'Rotated the master key'}: ${result.rewrapped} data key(s) re-wrapped; every data key is now wrapped by master key ${result.currentId}.`,
  ]
  if (result.retiredIds.length > 0) {
    lines.push(`No data key is wrapped by ${result.retiredIds.join(', ')} any more.`)
  }
  if (result.keyFile !== null) {
    lines.push(`${result.keyFile} now holds only the new key. Start the relay as before; copy the file to every host that runs one.`)
  } else {
    lines.push('Now set MASTER_KEY to the new key alone (drop the old one after the comma) on every relay process, and start them.')
  }
  if (result.retiredKeyFile !== null) {
    lines.push(`The old key is in ${result.retiredKeyFile}: keystore backups made before now need it. Move it to where you keep such backups; keep it as long as you keep them.`)
  } else {
    lines.push('Keystore backups made before now still need the old master key: keep it (apart from them) as long as you keep those backups.')
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`Master key rotation failed: ${errorMessage(err)}\n`)
  process.exit(1)
})
