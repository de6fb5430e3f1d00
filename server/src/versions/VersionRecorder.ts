/**
 * Takes the versions of plan and notes (contract §8.4): at an agreement
 * (asked by the agreement route), at a phase closure (the plan's
 * currentPhase changed in a committed batch: plan and notes), and when an
 * editing session settles (no commit for VERSION_SETTLE_MS). It follows
 * the relay through its room hooks and remembers, per document, who
 * committed changes since the last version.
 *
 * With several relay processes each one records the authors of its own
 * connections and may take its own "settled" version of the same editing
 * session; a settled version whose content equals the newest one is not
 * stored, so that stays rare.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import type { VersionDoc, VersionReason } from '../../../shared/src/api/versions.js'
import { planMeta } from '../../../shared/src/caseDocument/plan.js'
import { documentJson } from '../../../shared/src/caseDocument/restoreDoc.js'
import { versionDoc } from '../../../shared/src/caseDocument/versionContent.js'
import { errorMessage } from '../../../shared/src/errors.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import { DataKeyUnavailable } from '../crypto/errors.js'
import { newId } from '../ids.js'
import type { Logger } from '../log.js'
import type { Relay } from '../relay/Relay.js'
import type { HookedRoom, RoomHook } from '../relay/room/RoomHooks.js'
import { CaseErasedError, type DocumentVersionRecord, type VersionStorage } from '../storage/Storage.js'

/** Dependencies and settings of the recorder. */
export interface VersionRecorderOptions {
  storage: VersionStorage
  logger: Logger
  /** A document without commits for this long gets a `settled` version (VERSION_SETTLE_MS). */
  settleMs: number
}

/** What is pending for one document since its last version. */
interface Pending {
  caseId: string
  doc: VersionDoc
  authors: Set<string>
  timer: NodeJS.Timeout | undefined
}

/** Extra facts of one version. */
export interface VersionExtras {
  /** The agreement it was taken for. */
  agreementId?: string
  /** Someone who changed it outside the relay's connections (a restore). */
  author?: string
}

function versionedRoom(room: RoomName): { caseId: string; doc: VersionDoc } | null {
  return room.kind === 'plan' || room.kind === 'notes' ? { caseId: room.caseId, doc: room.kind } : null
}

function keyOf(caseId: string, doc: VersionDoc): string {
  return `${caseId}/${doc}`
}

/** Fingerprint of a document's content (equal content, equal fingerprint, whatever its history). */
function contentFingerprint(doc: VersionDoc, state: Uint8Array): string {
  const scratch = versionDoc(doc, state)
  try {
    return createHash('sha256').update(JSON.stringify(documentJson(doc, scratch))).digest('hex')
  } finally {
    scratch.destroy()
  }
}

/** Records versions of the plan and notes of every case this process serves. */
export class VersionRecorder {
  private relay: Relay | undefined
  private readonly pending = new Map<string, Pending>()
  /** The plan's current phase per loaded plan room, to see a phase closure (an unloaded room's entry goes with it). */
  private readonly phases = new WeakMap<HookedRoom, unknown>()
  /** Per document: the last version task, so versions of one document are stored one after the other. */
  private readonly chains = new Map<string, Promise<unknown>>()
  private stopped = false

  constructor(private readonly options: VersionRecorderOptions) {}

  /** The room hook the relay calls (after the plan-title mirror); see {@link RoomHook}. */
  readonly hook: RoomHook = {
    name: 'versionRecorder',
    loaded: (room) => {
      if (room.parsed.kind === 'plan') {
        this.phases.set(room, planMeta(room.doc).get('currentPhase'))
      }
    },
    afterCommit: ({ room, updates }) =>
      this.handleCommitted(
        room,
        updates.flatMap((entry) => (entry.origin ? [entry.origin.userId] : [])),
      ),
  }

  /** Connects the relay whose rooms are read for settled versions (it is built with {@link hooks}, so after the recorder). */
  attach(relay: Relay): void {
    this.relay = relay
  }

  private pendingOf(caseId: string, doc: VersionDoc): Pending {
    const key = keyOf(caseId, doc)
    let entry = this.pending.get(key)
    if (!entry) {
      entry = { caseId, doc, authors: new Set(), timer: undefined }
      this.pending.set(key, entry)
    }
    return entry
  }

  private handleCommitted(room: HookedRoom, authors: readonly string[]): void {
    const versioned = versionedRoom(room.parsed)
    if (!versioned || this.stopped) {
      return
    }
    const entry = this.pendingOf(versioned.caseId, versioned.doc)
    for (const author of authors) {
      entry.authors.add(author)
    }
    this.scheduleSettle(entry)
    if (versioned.doc === 'plan') {
      const phase = planMeta(room.doc).get('currentPhase')
      const before = this.phases.get(room)
      this.phases.set(room, phase)
      if (before !== undefined && phase !== before) {
        // The state right after the closing commit, taken now: a later edit must not slip into it.
        const state = Y.encodeStateAsUpdate(room.doc)
        void this.record(versioned.caseId, 'plan', 'phaseClosed', async () => state)
        void this.record(versioned.caseId, 'notes', 'phaseClosed', () => this.readState(versioned.caseId, 'notes'))
      }
    }
  }

  private scheduleSettle(entry: Pending): void {
    // Every commit restarts the document's one timer: a new timer per commit
    // (clearTimeout, setTimeout, unref) was a third of the after-commit hooks'
    // time in a CPU profile of the fan-out (issue 21). Every path that clears
    // the timer also forgets it, so refresh() never revives a cleared one.
    if (entry.timer !== undefined) {
      entry.timer.refresh()
      return
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined
      void this.record(entry.caseId, entry.doc, 'settled', () => this.readState(entry.caseId, entry.doc))
    }, this.options.settleMs)
    entry.timer.unref()
  }

  private async readState(caseId: string, doc: VersionDoc): Promise<Uint8Array> {
    if (!this.relay) {
      throw new Error('the version recorder is not attached to a relay')
    }
    return this.relay.readDocument({ kind: doc, caseId }, (loaded) => Y.encodeStateAsUpdate(loaded))
  }

  /**
   * Takes a version of a document now, as the relay holds it committed, with
   * the authors since the last version. Resolves with the stored version.
   */
  snapshot(caseId: string, doc: VersionDoc, reason: VersionReason, extras: VersionExtras = {}): Promise<DocumentVersionRecord | null> {
    return this.record(caseId, doc, reason, () => this.readState(caseId, doc), extras)
  }

  /** Like {@link snapshot}, with a state the caller read (the agreement hashes and keeps the same state). */
  snapshotOf(caseId: string, doc: VersionDoc, reason: VersionReason, state: Uint8Array, extras: VersionExtras = {}): Promise<DocumentVersionRecord | null> {
    return this.record(caseId, doc, reason, async () => state, extras)
  }

  /**
   * Stores one version after the document's earlier ones. The authors are
   * taken when it runs and given back when storing fails; a `settled`
   * version equal to the newest one is skipped. Never rejects (null when
   * nothing was stored).
   */
  private record(
    caseId: string,
    doc: VersionDoc,
    reason: VersionReason,
    readState: () => Promise<Uint8Array>,
    extras: VersionExtras = {},
  ): Promise<DocumentVersionRecord | null> {
    const key = keyOf(caseId, doc)
    const run = async (): Promise<DocumentVersionRecord | null> => {
      const entry = this.pendingOf(caseId, doc)
      clearTimeout(entry.timer)
      entry.timer = undefined
      const authors = new Set(entry.authors)
      if (extras.author !== undefined) {
        authors.add(extras.author)
      }
      entry.authors.clear()
      try {
        const state = await readState()
        if (reason === 'settled' && (await this.equalsNewest(caseId, doc, state))) {
          return null
        }
        const version: DocumentVersionRecord = {
          id: newId(),
          caseId,
          doc,
          at: new Date().toISOString(),
          reason,
          authors: [...authors],
          agreementId: extras.agreementId ?? null,
        }
        await this.options.storage.addDocumentVersion(version, state)
        return version
      } catch (err) {
        // An erased case (its key destroyed, its rows gone) keeps no versions: nothing to retry.
        const erased = err instanceof CaseErasedError || (err instanceof DataKeyUnavailable && err.reason === 'destroyed')
        if (!erased) {
          for (const author of authors) {
            entry.authors.add(author)
          }
          this.options.logger.error({ caseId, doc, reason, error: errorMessage(err) }, 'taking a version failed')
        }
        return null
      } finally {
        if (entry.authors.size === 0 && entry.timer === undefined) {
          this.pending.delete(key)
        }
      }
    }
    const task = (this.chains.get(key) ?? Promise.resolve()).then(run, run)
    this.chains.set(key, task)
    void task.finally(() => {
      if (this.chains.get(key) === task) {
        this.chains.delete(key)
      }
    })
    return task
  }

  private async equalsNewest(caseId: string, doc: VersionDoc, state: Uint8Array): Promise<boolean> {
    const [newest] = await this.options.storage.listDocumentVersions(caseId, doc)
    if (!newest) {
      return false
    }
    const stored = await this.options.storage.findDocumentVersion(caseId, doc, newest.id)
    return stored !== null && contentFingerprint(doc, stored.state) === contentFingerprint(doc, state)
  }

  /** Forgets what is pending for a case (it was erased). */
  forgetCase(caseId: string): void {
    for (const [key, entry] of this.pending) {
      if (entry.caseId === caseId) {
        clearTimeout(entry.timer)
        this.pending.delete(key)
      }
    }
  }

  /**
   * Shutdown: takes the settled versions still waiting now (before the
   * relay closes its rooms), then accepts no more.
   */
  async flush(): Promise<void> {
    const waiting = [...this.pending.values()].filter((entry) => entry.timer !== undefined)
    await Promise.all(waiting.map((entry) => this.record(entry.caseId, entry.doc, 'settled', () => this.readState(entry.caseId, entry.doc))))
    this.stopped = true
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer)
    }
    this.pending.clear()
    await Promise.all([...this.chains.values()])
  }
}
