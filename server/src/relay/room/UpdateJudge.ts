/**
 * The relay's check of what a client's update does (contract §8.2), before
 * it is committed: the update is applied to a scratch copy of the room's
 * document and judged by the shared schema and the writer's role
 * (shared/src/caseDocument/checkUpdate.ts).
 *
 * Copying the document for every update would cost a full encode and
 * decode per keystroke, so the scratch is made once, on the first update
 * to judge, and then follows the room: every update the room applies
 * (committed here, committed by another process, read from storage) is
 * applied to it too. Outside a commit it therefore holds exactly the
 * room's state. It is rebuilt only after it took in something the room did
 * not: a refused update, or a batch whose commit failed.
 *
 * An update that changes only rich-text fragments is judged without the
 * copy (fragmentRoots.ts): the roots it touches are read from its structs,
 * and the same rules judge them against the room's state. A room written
 * only that way (typing in its notes) never makes a copy; where one exists
 * it still takes the update. Anything else, and a refusal by that shortcut,
 * is judged on the copy as before, so the verdict is the copy's. The
 * shortcut needs no member list either (acceptRichText before judge).
 */
import * as Y from 'yjs'
import { applyAndCheckUpdate, checkPaths, type UpdateRefusal, type UpdateWriter } from '../../../../shared/src/caseDocument/checkUpdate.js'
import type { Role } from '../../../../shared/src/policy/access.js'
import type { RoomName } from '../../../../shared/src/protocol/roomName.js'
import { applyUpdateYoung } from '../../../../shared/src/yjs/youngTransactions.js'
import { fragmentRootsOf, type DecodedUpdate } from './fragmentRoots.js'

/** Judges client updates of one room against a scratch copy that follows the room's document. */
export class UpdateJudge {
  private scratch: Y.Doc | null = null

  constructor(
    /** The room's document (the committed state). */
    private readonly doc: Y.Doc,
    private readonly room: RoomName,
  ) {}

  /**
   * Judges `update` from a writer with `role`, against the room's state
   * plus `acceptedBefore` (updates of the same commit batch judged or
   * written before it, not yet applied to the room). Null: accepted, and
   * the scratch now holds it. A refusal leaves the scratch to be rebuilt.
   */
  judge(update: Uint8Array, role: Role, acceptedBefore: ReadonlyArray<{ update: Uint8Array }>, memberIds?: ReadonlySet<string>): UpdateRefusal | null {
    const scratch = this.scratchWith(acceptedBefore)
    const refusal = applyAndCheckUpdate(scratch, update, this.writer(role, memberIds))
    if (refusal) {
      this.discard()
    }
    return refusal
  }

  /**
   * Accepts `update` (as validateUpdate decoded it) when it changes only
   * rich-text fragments, each one the writer may change, in a room whose
   * roots fit its schema; the scratch, where there is one, then holds it.
   * The updates accepted before it in the batch could not have broken a
   * root, and this one changes no root's type, so the room's own state
   * judges as the scratch would. False: nothing happened, judge() decides.
   */
  acceptRichText(update: Uint8Array, decoded: DecodedUpdate, role: Role): boolean {
    const roots = fragmentRootsOf(this.doc, decoded, this.room.kind)
    if (roots === null || checkPaths(this.doc, [...roots].map((root) => ({ root })), this.writer(role, undefined)) !== null) {
      return false
    }
    this.follow(update)
    return true
  }

  /** Whether a scratch copy is held (tests: a room written only in rich text makes none). */
  get hasScratch(): boolean {
    return this.scratch !== null
  }

  /** Applies an update the room takes without judging it (the server's own, or one already committed). */
  follow(update: Uint8Array): void {
    if (this.scratch === null) {
      return
    }
    try {
      applyUpdateYoung(this.scratch, update)
    } catch {
      // The room skips such an update too (and logs it); a fresh copy is exact.
      this.discard()
    }
  }

  /** Forgets the scratch (after a failed commit, or when the room unloads). */
  discard(): void {
    this.scratch?.destroy()
    this.scratch = null
  }

  private writer(role: Role, memberIds: ReadonlySet<string> | undefined): UpdateWriter {
    return { kind: this.room.kind, role, field: this.room.kind === 'confidential' ? this.room.field : undefined, memberIds }
  }

  private scratchWith(acceptedBefore: ReadonlyArray<{ update: Uint8Array }>): Y.Doc {
    if (this.scratch !== null) {
      return this.scratch
    }
    // A fixed guid: a random one costs ~30 random draws per update (CPU profile, issue 21); it is never synced.
    const scratch = new Y.Doc({ gc: true, guid: 'scratch' })
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc))
    for (const entry of acceptedBefore) {
      Y.applyUpdate(scratch, entry.update)
    }
    this.scratch = scratch
    return scratch
  }
}
