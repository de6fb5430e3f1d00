/**
 * Who may do what changed: the one publisher of such changes. Commands
 * (called by routes, sweepers and scripts) publish WHAT changed through
 * their `accessChanged` port; subscribers (the relay's AccessEnforcer,
 * which re-checks or closes open sockets, and the case event streams) act
 * on exactly that, in this process and — through the fan-out's control
 * channel — in every other process, the same way.
 */
import { z } from 'zod'
import { ConfidentialField } from '../../../shared/src/caseDocument/confidential.js'
import { errorMessage } from '../../../shared/src/errors.js'
import type { Fanout } from '../fanout/Fanout.js'
import type { Logger } from '../log.js'

/**
 * One access change. Each kind names what a subscriber needs to find the
 * connections it touches, and no more (never content, never a token).
 */
export const AccessChange = z.discriminatedUnion('kind', [
  /** A user joined or left a case (or its invitation was accepted): that user's access to the case's rooms. */
  z.object({ kind: z.literal('membership'), caseId: z.string(), userId: z.string() }),
  /** A consent grant of `field` for the member with account `userId` was given, revoked or lapsed. */
  z.object({ kind: z.literal('consent'), caseId: z.string(), field: ConfidentialField, userId: z.string() }),
  /** The coaches switched employerCanEdit: the plan room's writers. */
  z.object({ kind: z.literal('employerCanEdit'), caseId: z.string() }),
  /** The case was closed: every room of it becomes read-only. */
  z.object({ kind: z.literal('closed'), caseId: z.string() }),
  /** Other case details changed (title, type): no access changes, the members re-read the case. */
  z.object({ kind: z.literal('details'), caseId: z.string() }),
  /** The case was erased: its rooms answer 4404 from now on; its unreleased supervision copies went with it. */
  z.object({ kind: z.literal('erased'), caseId: z.string() }),
  /** A user left a supervision group: that user's access to supervision rooms. */
  z.object({ kind: z.literal('supervisionMember'), groupId: z.string(), userId: z.string() }),
  /** An unreleased supervision copy was replaced (redaction): its rooms are gone. */
  z.object({ kind: z.literal('supervisionCopy'), copyId: z.string() }),
  /** A session ended (logout, expiry): its connections close with 4401. */
  z.object({ kind: z.literal('session'), sessionHash: z.string() }),
  /** An account lost every session (deactivation, password reset): its connections close with 4401. */
  z.object({ kind: z.literal('account'), userId: z.string() }),
])
export type AccessChange = z.infer<typeof AccessChange>

/** A subscriber; resolves once it has acted on the change (for this process). */
export type AccessChangeListener = (change: AccessChange) => Promise<void> | void

/** Options of {@link AccessChanges}. */
export interface AccessChangesOptions {
  logger: Logger
  /** With several processes: changes go to the others, and theirs come in, through its control channel. */
  fanout?: Fanout
}

/** The access-change publisher of this process. */
export class AccessChanges {
  private readonly listeners: AccessChangeListener[] = []

  constructor(private readonly options: AccessChangesOptions) {
    options.fanout?.onControl((message) => {
      const parsed = AccessChange.safeParse(message)
      if (!parsed.success) {
        // A process of another version may send what this one does not know.
        options.logger.warn({ kind: message.kind }, 'ignoring an unknown access change from another process')
        return
      }
      void this.deliver(parsed.data)
    })
  }

  /** Adds a subscriber; it hears the changes of this process and of every other one. */
  subscribe(listener: AccessChangeListener): void {
    this.listeners.push(listener)
  }

  /**
   * Announces a change to the other processes, then has this process's
   * subscribers act on it; resolves once they did (so a route answers only
   * after a revoked reader's socket is closed here), rejects when one failed.
   */
  async publish(change: AccessChange): Promise<void> {
    this.options.logger.debug({ kind: change.kind, from: 'this process' }, 'access change')
    this.options.fanout?.publishControl(change)
    await Promise.all(this.listeners.map(async (listener) => listener(change)))
  }

  /** A change from another process: every subscriber acts on it; failures are logged (nobody waits for them). */
  private async deliver(change: AccessChange): Promise<void> {
    this.options.logger.debug({ kind: change.kind, from: 'another process' }, 'access change')
    await Promise.all(
      this.listeners.map(async (listener) => {
        try {
          await listener(change)
        } catch (err) {
          this.options.logger.error({ kind: change.kind, error: errorMessage(err) }, 'acting on an access change from another process failed')
        }
      }),
    )
  }
}
