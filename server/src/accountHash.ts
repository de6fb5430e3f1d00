/**
 * `npm run account-hash -- <e-mail> …`: prints the hash under which the
 * relay logs auth failures of each login name (auth/authFailureLog.ts), one
 * line per configured master key, the current one first: search the log's
 * `account` field for it, under the key its `accountKeyId` names. Reads the
 * relay's environment (DATA_DIR, MASTER_KEY / MASTER_KEY_FILE) and never
 * creates a key.
 */
import { errorMessage } from '../../shared/src/errors.js'
import { accountHash, accountHashKey } from './auth/authFailureLog.js'
import { loadMasterKeys } from './crypto/masterKeys.js'
import { loadConfig } from './config/loadConfig.js'
import { createLogger } from './log.js'

function main(): void {
  const logins = process.argv.slice(2)
  if (logins.length === 0 || logins.some((login) => login.startsWith('-'))) {
    process.stderr.write('usage: npm run account-hash -- <e-mail> [<e-mail> …]   (with the relay\'s DATA_DIR or MASTER_KEY / MASTER_KEY_FILE)\n')
    process.exit(2)
  }
  const config = loadConfig(process.env)
  const masterKeys = loadMasterKeys({
    masterKey: config.masterKey,
    masterKeyFile: config.masterKeyFile,
    dataDir: config.dataDir,
    backend: config.databaseUrl !== undefined ? 'postgres' : 'sqlite',
    logger: createLogger({ logLevel: 'warn' }),
    // Never generate one: a new key would hash to values no log holds.
    sealedDataExists: "the account hash needs this installation's master key",
  })
  const keys = [masterKeys.current, ...[...masterKeys.byId.values()].filter((key) => key !== masterKeys.current)]
  for (const login of logins) {
    for (const key of keys) {
      const note = key === masterKeys.current ? 'current master key' : 'older master key'
      process.stdout.write(`${accountHash(accountHashKey(key), login)}  ${login.trim().toLowerCase()}  (accountKeyId ${key.id}, ${note})\n`)
    }
  }
}

try {
  main()
} catch (err) {
  process.stderr.write(`account-hash failed: ${errorMessage(err)}\n`)
  process.exit(1)
}
