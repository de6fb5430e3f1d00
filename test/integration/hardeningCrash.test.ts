/**
 * Issue 9, crash safety (contract §6): the BUILT relay runs as a child
 * process; three clients edit in bursts; the relay is SIGKILLed at random
 * moments, at least 20 times, and restarted on the same DATA_DIR and port.
 * After every kill the database passes `PRAGMA integrity_check` and holds
 * every struct and deletion any client had received from the relay; at the
 * end all clients converge with the relay. Prints its seed (FUZZ_SEED).
 */
import Database from 'better-sqlite3'
import { execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType } from '../../shared/src/protocol/messageTypes.js'
import { ApiClient, createCase } from '../helpers/apiClient.js'
import { until } from '../helpers/until.js'
import { spawnTracked } from '../helpers/processes.js'
import { freeText, freeTextOf, syncFrame, SyncMessageType } from './support/syncClients.js'
import { openEmbeddedRoomRows, SqlEmbeddedRoomRows } from '../helpers/atRest.js'

const root = process.cwd()
const mainJs = join(root, 'dist', 'server', 'server', 'src', 'main.js')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIfStale(): void {
  let built: number
  try {
    built = statSync(mainJs).mtimeMs
  } catch {
    built = 0
  }
  if (built < Math.max(newestMtime(join(root, 'server', 'src')), newestMtime(join(root, 'shared', 'src')))) {
    execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' })
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

const dataDir = mkdtempSync(join(tmpdir(), 'fallbuch-crash-'))
let port = 0
let child: ChildProcess | undefined
let setupToken: string | null = null

async function startChild(): Promise<void> {
  const proc = spawnTracked(process.execPath, [mainJs], {
    cwd: root,
    // The embedded SQLite relay, even when the run has DATABASE_URL / REDIS_URL for the scale-out tests.
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', ROOM_IDLE_MS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child = proc
  proc.stdout?.on('data', (chunk: Buffer) => {
    const match = /setup\?token=([A-Za-z0-9_-]+)/.exec(chunk.toString())
    if (match) {
      setupToken = match[1] ?? null
    }
  })
  await until(
    async () => {
      if (proc.exitCode !== null) {
        throw new Error(`relay exited with ${proc.exitCode}`)
      }
      return (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true
    },
    { timeoutMs: 15_000, intervalMs: 20, message: 'the built relay to listen' },
  )
}

async function killChild(): Promise<void> {
  const proc = child
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
    return
  }
  const exited = new Promise((resolve) => proc.once('exit', resolve))
  proc.kill('SIGKILL')
  await exited
}

function integrityCheck(): string {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return String(db.pragma('integrity_check', { simple: true }))
  } finally {
    db.close()
  }
}

function storedRoom(room: string): Y.Doc {
  const db = new Database(join(dataDir, 'fallbuch.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const doc = new Y.Doc()
    const rows = db.prepare(SqlEmbeddedRoomRows).all(room, room) as Array<{ data: Buffer }>
    for (const update of openEmbeddedRoomRows(dataDir, room, rows.map((row) => new Uint8Array(row.data)))) {
      Y.applyUpdate(doc, update)
    }
    return doc
  } finally {
    db.close()
  }
}

/** A hand-rolled y-websocket client that remembers every update the relay sent it. */
class CrashClient {
  readonly doc = new Y.Doc()
  /** Payloads of every step 2 and update received from the relay. */
  readonly received: Uint8Array[] = []
  private socket: WebSocket | undefined
  synced = false

  constructor(
    private readonly room: string,
    private readonly cookie: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send(syncFrame(SyncMessageType.Update, update))
      }
    })
  }

  connect(): void {
    this.synced = false
    const socket = new WebSocket(`ws://127.0.0.1:${port}/sync/${this.room}`, { headers: { cookie: this.cookie } })
    this.socket = socket
    socket.on('error', () => {})
    socket.on('open', () => socket.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(this.doc))))
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== MessageType.Sync) {
        return
      }
      const type = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (type === SyncMessageType.Step1) {
        // Everything the relay lacks, including edits it never acknowledged.
        socket.send(syncFrame(SyncMessageType.Step2, Y.encodeStateAsUpdate(this.doc, payload)))
        return
      }
      this.received.push(payload)
      Y.applyUpdate(this.doc, payload, this)
      if (type === SyncMessageType.Step2) {
        this.synced = true
      }
    })
  }

  edit(random: () => number): void {
    const text = freeText(this.doc)
    if (text.length > 5 && random() < 0.3) {
      text.delete(Math.floor(random() * (text.length - 1)), 1)
    } else {
      text.insert(Math.floor(random() * (text.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)))
    }
  }

  disconnect(): void {
    this.socket?.terminate()
  }
}

/** What of `received` the stored doc lacks: struct ranges above its state, deletions it has not applied. */
function missingFrom(stored: Y.Doc, received: readonly Uint8Array[]): string[] {
  const missing: string[] = []
  const deleted = Y.createDeleteSetFromStructStore(stored.store)
  for (const payload of received) {
    const { structs, ds } = Y.decodeUpdate(payload)
    for (const struct of structs) {
      if (!(struct instanceof Y.Skip) && Y.getState(stored.store, struct.id.client) < struct.id.clock + struct.length) {
        missing.push(`struct ${struct.id.client}:${struct.id.clock}+${struct.length}`)
      }
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        for (let clock = range.clock; clock < range.clock + range.len; clock += 1) {
          if (!Y.isDeleted(deleted, Y.createID(client, clock))) {
            missing.push(`deletion ${client}:${clock}`)
          }
        }
      }
    }
  }
  return missing
}

beforeAll(async () => {
  buildIfStale()
  port = await freePort()
}, 120_000)

afterAll(async () => {
  await killChild()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('crash safety', () => {
  // 22 process starts: on a loaded two-core machine each takes seconds, so the
  // time allowed is generous; what the test asserts is the data, not the speed.
  it('keeps every update a client received across 20+ SIGKILLs, with integrity_check ok each time, and converges', { timeout: 240_000 }, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)
    process.stdout.write(`crash test seed: ${seed} (FUZZ_SEED=${seed} replays it)\n`)
    let state = seed >>> 0
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state / 4294967296
    }

    await startChild()
    const api = new ApiClient(`http://127.0.0.1:${port}`)
    expect(setupToken).not.toBeNull()
    const setup = await api.request('POST', '/api/setup', { token: setupToken, name: 'Miriam Roth', email: 'miriam.roth@example.org', password: 'miriam-passwort-1' })
    expect(setup.status).toBe(201)
    const kase = await createCase(api)
    const room = `cases/${kase.id}/notes`
    const clients = [0, 1, 2].map(() => new CrashClient(room, api.cookie))

    const kills = 22
    let totalReceived = 0
    for (let round = 0; round < kills; round += 1) {
      for (const client of clients) {
        client.connect()
      }
      await until(() => clients.every((client) => client.synced), { timeoutMs: 10_000, message: 'the clients to sync after a restart' })
      // A burst of edits, killed at a random moment within it.
      const killAfter = 30 + random() * 250
      const started = Date.now()
      while (Date.now() - started < killAfter) {
        for (const client of clients) {
          if (random() < 0.7) {
            client.edit(random)
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 1 + random() * 8))
      }
      await killChild()
      for (const client of clients) {
        client.disconnect()
      }
      expect(integrityCheck(), `integrity after kill ${round + 1}`).toBe('ok')
      const stored = storedRoom(room)
      for (const [index, client] of clients.entries()) {
        expect(missingFrom(stored, client.received), `client ${index} after kill ${round + 1}`).toEqual([])
        totalReceived += client.received.length
        client.received.length = 0
      }
      await startChild()
    }

    for (const client of clients) {
      client.connect()
    }
    await until(() => clients.every((client) => client.synced), { timeoutMs: 10_000 })
    // Each client's step 2 carried what the relay lacked; wait for it to reach the others.
    await until(
      () => {
        const texts = clients.map((client) => freeTextOf(client.doc))
        return texts.every((text) => text === texts[0]) && clients.every((c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(clients[0]?.doc as Y.Doc).toString())
      },
      { timeoutMs: 10_000, message: 'the clients to converge' },
    )
    await until(() => freeTextOf(storedRoom(room)) === freeTextOf(clients[0]?.doc ?? new Y.Doc()), { message: 'the stored room to match' })
    process.stdout.write(`crash test: ${kills} kills, ${totalReceived} updates received and verified, final text ${freeTextOf(clients[0]?.doc ?? new Y.Doc()).length} chars\n`)
    for (const client of clients) {
      client.disconnect()
    }
    await killChild()
    expect(integrityCheck()).toBe('ok')
  })
})
