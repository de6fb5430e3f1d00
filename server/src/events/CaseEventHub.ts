/**
 * The case event streams (`GET /api/cases/:id/events`, text/event-stream):
 * members hear `case-changed` whenever something outside the documents
 * changes, and a stream ends when its caller loses access to the case or
 * its session ends (shared/src/api/caseEvents.ts).
 */
import type { ServerResponse } from 'node:http'
import { CaseChangedEventName, type CaseChangedEvent } from '../../../shared/src/api/caseEvents.js'
import type { Logger } from '../log.js'
import type { AccessChange } from '../access/AccessChanges.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** Who holds a stream. */
export interface StreamOwner {
  caseId: string
  userId: string
  /** SHA-256 of the session token, to end the stream at logout or expiry. */
  sessionHash: string
}

interface Stream extends StreamOwner {
  raw: ServerResponse
  keepAlive: NodeJS.Timeout
}

/** Options of {@link CaseEventHub}. */
export interface CaseEventHubOptions {
  storage: Pick<MemberStorage, 'findMember'> & Pick<CaseStorage, 'listCasesOfUser'>
  logger: Logger
  /** Interval of the keep-alive comment (proxies close silent streams). */
  keepAliveMs?: number
}

/** Every open case event stream of this process. */
export class CaseEventHub {
  private readonly streams = new Set<Stream>()
  private readonly keepAliveMs: number

  constructor(private readonly options: CaseEventHubOptions) {
    this.keepAliveMs = options.keepAliveMs ?? 25_000
  }

  /** Number of open streams (tests, metrics). */
  get size(): number {
    return this.streams.size
  }

  /** Starts an event stream on a hijacked response; it is cleaned up when either side closes it. */
  open(raw: ServerResponse, owner: StreamOwner): void {
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    })
    // A first comment, so the client knows the stream is open before any event.
    raw.write(': connected\n\n')
    const stream: Stream = {
      ...owner,
      raw,
      keepAlive: setInterval(() => raw.write(': keep-alive\n\n'), this.keepAliveMs),
    }
    stream.keepAlive.unref()
    this.streams.add(stream)
    const cleanUp = () => this.forget(stream)
    raw.on('close', cleanUp)
    raw.on('error', cleanUp)
  }

  /** Sends `case-changed` to every stream of a case. */
  notify(caseId: string, what: CaseChangedEvent['what']): void {
    for (const stream of this.streams) {
      if (stream.caseId === caseId) {
        send(stream, what)
      }
    }
  }

  /** Sends `case-changed` to every stream of every case a user is a member of (e.g. after an account change). */
  async notifyCasesOf(userId: string, what: CaseChangedEvent['what']): Promise<void> {
    const cases = await this.options.storage.listCasesOfUser(userId)
    for (const { record } of cases) {
      this.notify(record.id, what)
    }
  }

  /**
   * Acts on an access change (this hub's AccessChanges subscriber): a
   * member who left loses their stream of the case, an erased case's
   * streams end, an ended session's or account's streams end, and the
   * case's members hear what to re-read.
   */
  async applyAccessChange(change: AccessChange): Promise<void> {
    switch (change.kind) {
      case 'membership':
        await this.endIfNoMember(change.caseId, change.userId)
        this.notify(change.caseId, 'members')
        return
      case 'consent':
        this.notify(change.caseId, 'consents')
        return
      case 'employerCanEdit':
      case 'closed':
      case 'details':
        this.notify(change.caseId, 'case')
        return
      case 'erased':
        this.endWhere((stream) => stream.caseId === change.caseId)
        return
      case 'session':
        this.endWhere((stream) => stream.sessionHash === change.sessionHash)
        return
      case 'account':
        this.endWhere((stream) => stream.userId === change.userId)
        return
      case 'supervisionMember':
      case 'supervisionCopy':
        // Supervision has no case event streams.
        return
    }
  }

  /** Ends a user's streams of a case once the user is no longer a member. */
  private async endIfNoMember(caseId: string, userId: string): Promise<void> {
    const ofUser = [...this.streams].filter((stream) => stream.caseId === caseId && stream.userId === userId)
    if (ofUser.length > 0 && !(await this.options.storage.findMember(caseId, userId))) {
      for (const stream of ofUser) {
        this.end(stream)
      }
    }
  }

  private endWhere(matches: (stream: Stream) => boolean): void {
    for (const stream of [...this.streams]) {
      if (matches(stream)) {
        this.end(stream)
      }
    }
  }

  /** Session hashes of the open streams, for the expiry sweep. */
  sessionHashes(): Set<string> {
    return new Set([...this.streams].map((stream) => stream.sessionHash))
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    for (const stream of this.streams) {
      this.end(stream)
    }
  }

  /** Tells the holder its access changed, then ends the stream. */
  private end(stream: Stream): void {
    send(stream, 'access')
    this.forget(stream)
    stream.raw.end()
  }

  private forget(stream: Stream): void {
    clearInterval(stream.keepAlive)
    this.streams.delete(stream)
  }
}

function send(stream: Stream, what: CaseChangedEvent['what']): void {
  if (!stream.raw.writableEnded) {
    stream.raw.write(`event: ${CaseChangedEventName}\ndata: ${JSON.stringify({ what } satisfies CaseChangedEvent)}\n\n`)
  }
}
