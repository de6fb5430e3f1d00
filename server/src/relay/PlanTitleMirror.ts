/**
 * Case titles live in two places: the plan's `meta.title` (a Y.Text in
 * schema v2, what the coaches edit) and the case row (what lists show
 * without opening documents). After each commit to a plan room the relay
 * copies a changed title into the row.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import { plainValue } from '../../../shared/src/caseDocument/common.js'
import { planMeta } from '../../../shared/src/caseDocument/plan.js'
import { Limits } from '../../../shared/src/limits.js'
import type { Logger } from '../log.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { Room } from './Room.js'

/** Mirrors plan titles changed through sync into the case rows. */
export class PlanTitleMirror {
  /** Last plan title seen per loaded plan room. */
  private readonly titles = new Map<string, unknown>()

  constructor(
    private readonly storage: Pick<CaseStorage, 'updateCase'>,
    private readonly logger: Logger,
  ) {}

  /** Remembers a loaded room's title, so only a later change is mirrored. */
  seed(room: Room): void {
    if (room.parsed.kind === 'plan') {
      this.titles.set(room.name, titleOf(room))
    }
  }

  /** Forgets an unloaded room. */
  forget(room: Room): void {
    this.titles.delete(room.name)
  }

  /** After a commit: writes a changed, valid title into the case row. */
  afterCommit(room: Room): void {
    if (room.parsed.kind !== 'plan') {
      return
    }
    const title = titleOf(room)
    if (title === this.titles.get(room.name)) {
      return
    }
    this.titles.set(room.name, title)
    if (typeof title !== 'string' || title.trim().length === 0 || title.length > Limits.maxTitleLength) {
      return
    }
    const caseId = room.parsed.caseId
    this.storage.updateCase(caseId, { title: title.trim() }).catch((err: unknown) => {
      this.logger.error({ room: room.name, error: errorMessage(err) }, 'mirroring the plan title failed')
    })
  }
}

/** The title as plain data: the Y.Text's string (v2), or whatever an older document holds. */
function titleOf(room: Room): unknown {
  return plainValue(planMeta(room.doc).get('title'))
}
