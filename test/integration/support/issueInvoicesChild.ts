/**
 * A second OS process issuing invoices (issue 18: "two processes issuing
 * invoices at once"): `node --import tsx issueInvoicesChild.ts <schema>
 * <count> <billedCase>` opens the PostgreSQL storage of DATABASE_URL in that
 * schema (already migrated by the test, with its master key in
 * TEST_MASTER_KEY), prints `ready`, waits for a line on
 * stdin so both processes start together, issues `count` invoices at once
 * and prints `{ numbers, refused }` as one JSON line.
 */
import { createInterface } from 'node:readline'
import { createLogger } from '../../../server/src/log.js'
import { openPostgresStorage } from '../../../server/src/storage/postgres/openPostgresStorage.js'
import { masterKeySet } from '../../../server/src/crypto/masterKeys.js'
import { issueAtOnce } from './invoiceFixture.js'

const [schema, count, billedCase] = process.argv.slice(2)
if (!schema || !count || !billedCase || !process.env.DATABASE_URL || !process.env.TEST_MASTER_KEY) {
  throw new Error('usage: DATABASE_URL=… TEST_MASTER_KEY=<base64> issueInvoicesChild.ts <schema> <count> <billedCase>')
}
const storage = await openPostgresStorage({
  connectionString: process.env.DATABASE_URL,
  schema,
  logger: createLogger({ logLevel: 'silent' }),
  maxConnections: 4,
  // The test process's master key: the keystore's data keys are wrapped with it.
  masterKeys: masterKeySet([Buffer.from(process.env.TEST_MASTER_KEY, 'base64')], { kind: 'env' }),
})
process.stdout.write('ready\n')
const lines = createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once('line', () => resolve()))
lines.close()
const outcome = await issueAtOnce([storage], Number(count), billedCase)
process.stdout.write(`${JSON.stringify(outcome)}\n`)
await storage.close()
