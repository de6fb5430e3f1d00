/**
 * After-commit hook: mirrors a plan title changed through sync into the
 * case row, so the case list (which opens no documents) stays right. The
 * plan's `meta.title` is what the coaches edit; the row follows it.
 */
import { plainValue } from '../../../../shared/src/caseDocument/common.js'
import { planMeta } from '../../../../shared/src/caseDocument/plan.js'
import { errorMessage } from '../../../../shared/src/errors.js'
import { Limits } from '../../../../shared/src/limits.js'
import type { Logger } from '../../log.js'
import type { CaseStorage } from '../../storage/cases/CaseStorage.js'
import type { HookedRoom, RoomHook } from '../room/RoomHooks.js'

/** Creates the hook; it remembers the last title seen per loaded plan room. */
export function planTitleMirror(storage: Pick<CaseStorage, 'updateCase'>, logger: Logger): RoomHook {
  // Keyed by the room object: an unloaded room's entry goes with it.
  const lastTitles = new WeakMap<HookedRoom, unknown>()
  return {
    name: 'planTitleMirror',
    loaded(room) {
      if (room.parsed.kind === 'plan') {
        lastTitles.set(room, plainValue(planMeta(room.doc).get('title')))
      }
    },
    afterCommit({ room }) {
      if (room.parsed.kind !== 'plan') {
        return
      }
      const title = plainValue(planMeta(room.doc).get('title'))
      if (title === lastTitles.get(room)) {
        return
      }
      lastTitles.set(room, title)
      if (typeof title !== 'string' || title.trim().length === 0 || title.length > Limits.maxTitleLength) {
        return
      }
      storage.updateCase(room.parsed.caseId, { title: title.trim() }).catch((err: unknown) => {
        logger.error({ room: room.name, error: errorMessage(err) }, 'mirroring the plan title failed')
      })
    },
  }
}
