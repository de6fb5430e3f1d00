#!/usr/bin/env node
// `npm run backup -- <new folder> [--keys-to <file>]`: database and keystore
// of the running installation together, in the one safe order: the database
// first, then the keystore. Every data key is written before the first row
// it seals and stays until its case is erased, so a keystore taken after the
// database holds every key that database needs (an erasure in between only
// makes that case unreadable, as it should be). The other order would miss
// the keys of cases created in between, and the restored database would
// refuse to start.
//
// Embedded (no DATABASE_URL): SQLite's online backup API, each copy checked
// with `PRAGMA integrity_check`: <folder>/fallbuch.sqlite, <folder>/keys.sqlite.
// PostgreSQL (DATABASE_URL): pg_dump (custom format) of DATABASE_SCHEMA, then
// of <DATABASE_SCHEMA>_keys: <folder>/database.pgdump, <folder>/keys.pgdump.
// `--keys-to <file>` writes the keystore elsewhere (keep keystore backups
// apart from database backups and short-lived: README, Encryption at rest).
// <folder>/RESTORE.txt names the master key id(s) a restore needs; the
// master key itself is never in a backup.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { backupSqliteFile, BackupError, masterKeyIdsOf, runCommand } from './sqliteBackup.mjs'

function usage() {
  process.stderr.write('usage: npm run backup -- <new folder> [--keys-to <file>]   (reads DATA_DIR, or DATABASE_URL + DATABASE_SCHEMA)\n')
  process.exit(2)
}

function parseArgs(argv) {
  const args = { folder: undefined, keysTo: undefined }
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--keys-to') {
      args.keysTo = argv[++i]
      if (args.keysTo === undefined) {
        usage()
      }
    } else if (argv[i].startsWith('-') || args.folder !== undefined) {
      usage()
    } else {
      args.folder = argv[i]
    }
  }
  if (args.folder === undefined || args.folder === '') {
    usage()
  }
  return args
}

function newFolder(path) {
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new BackupError(`${path} exists and is not empty; choose a new folder`)
  }
  mkdirSync(path, { recursive: true, mode: 0o700 })
}

/** The embedded installation was moved to PostgreSQL: its file is stale, a backup of it would be a trap. */
function refuseMovedInstallation(database) {
  if (!existsSync(database)) {
    return
  }
  const db = new Database(database, { readonly: true, fileMustExist: true })
  try {
    const moved = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'moved_to_postgres'").get()
    const row = moved ? db.prepare('SELECT at, target FROM moved_to_postgres LIMIT 1').get() : undefined
    if (row) {
      throw new BackupError(`${database} was copied to PostgreSQL (${row.target}) at ${row.at}; it is stale. Back up PostgreSQL: set DATABASE_URL (and DATABASE_SCHEMA) and run this command again.`)
    }
  } finally {
    db.close()
  }
}

function pgDump(databaseUrl, schema, file) {
  const result = spawnSync('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${file}`, `--dbname=${databaseUrl}`], { stdio: ['ignore', 'inherit', 'pipe'] })
  if (result.error) {
    throw new BackupError(`pg_dump could not run (${result.error.code ?? result.error.message}); install the PostgreSQL client tools of the server's major version`)
  }
  if (result.status !== 0) {
    throw new BackupError(`pg_dump of schema ${schema} failed: ${result.stderr.toString().trim()}`)
  }
}

function restoreNote({ backend, keysFile, masterKeyIds }) {
  const ids = masterKeyIds.length > 0 ? masterKeyIds.join(', ') : '(none yet: no case had been created)'
  return [
    `Fallbuch backup, ${new Date().toISOString()}, ${backend}.`,
    `Taken in the safe order: database first, then the keystore (${keysFile}).`,
    `A restore needs the master key with id ${ids} (MASTER_KEY, MASTER_KEY_FILE or DATA_DIR/master.key; never in this backup).`,
    'Restore both together, never one alone: README, "Backup and restore".',
    '',
  ].join('\n')
}

runCommand(async () => {
  const { folder: target, keysTo } = parseArgs(process.argv.slice(2))
  const folder = resolve(target)
  const databaseUrl = process.env.DATABASE_URL || undefined
  if (databaseUrl === undefined) {
    const dataDir = resolve(process.env.DATA_DIR || './data')
    const database = join(dataDir, 'fallbuch.sqlite')
    refuseMovedInstallation(database)
    const keysFile = keysTo === undefined ? join(folder, 'keys.sqlite') : resolve(keysTo)
    newFolder(folder)
    await backupSqliteFile(database, join(folder, 'fallbuch.sqlite'), 'database')
    await backupSqliteFile(join(dataDir, 'keys.sqlite'), keysFile, 'keystore')
    writeFileSync(join(folder, 'RESTORE.txt'), restoreNote({ backend: 'embedded SQLite', keysFile, masterKeyIds: masterKeyIdsOf(keysFile) }))
    process.stdout.write(`backup of ${dataDir} written to ${folder} (database, then keystore${keysTo === undefined ? '' : ` to ${keysFile}`})\n`)
    return
  }
  const schema = process.env.DATABASE_SCHEMA || 'public'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new BackupError('DATABASE_SCHEMA must be a lower-case SQL identifier')
  }
  const keysFile = keysTo === undefined ? join(folder, 'keys.pgdump') : resolve(keysTo)
  if (existsSync(keysFile)) {
    throw new BackupError(`${keysFile} exists; choose a new name`)
  }
  newFolder(folder)
  pgDump(databaseUrl, schema, join(folder, 'database.pgdump'))
  pgDump(databaseUrl, `${schema}_keys`, keysFile)
  const ids = spawnSync('psql', ['--no-psqlrc', '-tA', `--dbname=${databaseUrl}`, '-c', `SELECT DISTINCT master_key_id FROM ${schema}_keys.data_keys WHERE master_key_id IS NOT NULL ORDER BY 1`])
  const masterKeyIds = ids.status === 0 ? ids.stdout.toString().split('\n').filter((line) => line !== '') : []
  writeFileSync(join(folder, 'RESTORE.txt'), restoreNote({ backend: `PostgreSQL schema ${schema}`, keysFile, masterKeyIds }))
  process.stdout.write(`backup of schema ${schema} written to ${folder} (database, then keystore${keysTo === undefined ? '' : ` to ${keysFile}`})\n`)
})
