/**
 * The real PostgreSQL and Redis for the scale-out tests, from DATABASE_URL
 * and REDIS_URL (CI sets both). Without them those tests are skipped with a
 * title that says so. Each test gets its own PostgreSQL schema and Redis
 * channel prefix, dropped / abandoned when its file ends, so test files can
 * run in parallel against one database.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** PostgreSQL URL of the test database, if configured. */
export const databaseUrl = process.env.DATABASE_URL || undefined
/** Redis URL, if configured. */
export const redisUrl = process.env.REDIS_URL || undefined

/** Suffix for describe titles of tests that need PostgreSQL. */
export const needsPostgres = databaseUrl ? '' : ' — NOT RUN: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run'
/** Suffix for describe titles of tests that need PostgreSQL and Redis. */
export const needsPostgresAndRedis =
  databaseUrl && redisUrl ? '' : ' — NOT RUN: set DATABASE_URL and REDIS_URL (e.g. redis://127.0.0.1:6379) to run'

const schemas: string[] = []

/** Drops the schemas the file's tests made; every test file runs it in an afterAll (fileHooks.ts). */
export async function dropTestSchemas(): Promise<void> {
  if (!databaseUrl || schemas.length === 0) {
    return
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    for (const name of schemas.splice(0)) {
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`)
      // The keystore of encryption at rest lives in a schema of its own.
      await client.query(`DROP SCHEMA IF EXISTS ${name}_keys CASCADE`)
    }
  } finally {
    await client.end()
  }
}

/** A fresh schema name (created by openPostgresStorage), dropped with everything in it when the test file ends. */
export function testSchema(): string {
  const schema = `fb_test_${randomBytes(6).toString('hex')}`
  schemas.push(schema)
  return schema
}

/** A fresh Redis channel prefix. */
export function testRedisPrefix(): string {
  return `fb-test-${randomBytes(6).toString('hex')}:`
}

/** Runs one query in a schema (test setup and inspection). */
export async function queryPostgres<T extends pg.QueryResultRow>(schema: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}
