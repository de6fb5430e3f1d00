/**
 * The one-time data move of contract §8.3 (issue 14): agreements given
 * before the upgrade carry the v1 plan hash, which covered the whole plan,
 * so every one of them read as "agreed to another version" afterwards and
 * people were asked to agree again although nothing they agreed to had
 * changed. For each such agreement the move rebuilds the case's plan from
 * its stored log and compares the stored hash with the v1 hashes of the
 * plan as it is now under every variant of what the new hash leaves out
 * (shared/src/caseDocument/legacyPlanHash.ts). Only an equal SHA-256 —
 * proof that the agreed content then and now is the same — re-stamps the
 * agreement with the agreed-content hash, audited as a change of the
 * system ('agreementRestamped', no actor). Anything else stays as it was:
 * those people are asked once more.
 *
 * A second move (issue 16) does the same for agreements given on plan v2
 * content, whose hash plan v3's reshaped participants changed
 * ({@link restampPlanV2Agreements}).
 *
 * Idempotent (a re-stamped hash is no v1 hash any more; each update checks
 * the old value under the migration lock), and a case whose data key is
 * missing is skipped with a warning.
 */
import * as Y from 'yjs'
import { legacyPlanHashInputs } from '../../../../shared/src/caseDocument/legacyPlanHash.js'
import { migrateDoc, needsMigration } from '../../../../shared/src/caseDocument/migrations.js'
import { planContentHashInput } from '../../../../shared/src/caseDocument/planContent.js'
import { v2PlanHashInputs } from '../../../../shared/src/caseDocument/planV2Hash.js'
import { formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { errorMessage } from '../../../../shared/src/errors.js'
import { sha256Hex } from '../../ids.js'
import type { AuditRecord } from '../audit/AuditStorage.js'
import { insertAudit } from '../audit/auditStore.js'
import { all, lock, run } from '../sql/query.js'
import type { MoveContext } from './Migration.js'
import { detachedDoc } from '../../../../shared/src/caseDocument/detachedDoc.js'

const SQL_ALL_AGREEMENTS = 'SELECT id, case_id, plan_hash FROM agreements ORDER BY case_id'
const SQL_PLAN_ROWS = 'SELECT data FROM room_updates WHERE room = ? ORDER BY seq'
const SQL_RESTAMP = 'UPDATE agreements SET plan_hash = ? WHERE id = ? AND plan_hash = ?'

interface AgreementRow {
  id: string
  case_id: string
  plan_hash: string
}

/** The hash inputs an old agreement's hash is compared with: each a plan whose agreed content equals the plan's now. */
type OldHashInputs = (plan: Y.Doc) => string[]

/** The agreement's new hash when its old hash provably signs the plan's current agreed content, else null. */
export function restampedHash(planHash: string, plan: Y.Doc, oldInputs: OldHashInputs = legacyPlanHashInputs): string | null {
  const current = sha256Hex(planContentHashInput(plan))
  if (planHash === current) {
    return null
  }
  return oldInputs(plan).some((input) => sha256Hex(input) === planHash) ? current : null
}

/** The audit entry of one re-stamp: a change of the system (no actor). */
function restampAudit(caseId: string, at: Date, agreement: AgreementRow, planHash: string): AuditRecord {
  return {
    caseId,
    at: at.toISOString(),
    type: 'agreementRestamped',
    actorId: null,
    details: { agreementId: agreement.id, planHash, previousPlanHash: agreement.plan_hash },
  }
}

/** Re-stamps the v1-hash agreements whose agreed content did not change (see the file comment). */
export function restampLegacyAgreements(context: MoveContext): Promise<void> {
  return restampAgreements(context, legacyPlanHashInputs, false)
}

/**
 * Issue 16: plan v3 reshaped participants (role -> function), so agreements
 * given on v2 content carry a v2 hash. Re-stamps those whose agreed content
 * is unchanged by the migration. The plan is migrated in memory first (as
 * the relay migrates a room on load, with the same content), so a room
 * still stored as v2 is compared as everyone will see it.
 */
export function restampPlanV2Agreements(context: MoveContext): Promise<void> {
  return restampAgreements(context, v2PlanHashInputs, true)
}

async function restampAgreements({ db, atRest, logger }: MoveContext, oldInputs: OldHashInputs, migrateFirst: boolean): Promise<void> {
  const rows = await db.query(all<AgreementRow>(SQL_ALL_AGREEMENTS))
  const byCase = new Map<string, AgreementRow[]>()
  for (const row of rows) {
    byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row])
  }
  let restamped = 0
  for (const [caseId, agreements] of byCase) {
    const room = formatRoomName({ kind: 'plan', caseId })
    const plan = detachedDoc()
    try {
      const stored = await db.query(all<{ data: Uint8Array }>(SQL_PLAN_ROWS, room))
      if (stored.length === 0) {
        continue
      }
      const key = await atRest.roomKey(room)
      Y.transact(plan, () => {
        for (const row of stored) {
          Y.applyUpdate(plan, atRest.openUpdate(key, room, row.data))
        }
      })
      if (migrateFirst && needsMigration('plan', plan)) {
        migrateDoc('plan', plan)
      }
    } catch (err) {
      // A case whose key is lost (ACCEPT_MISSING_DATA_KEYS) keeps its agreements as they are.
      logger.warn({ caseId, err: errorMessage(err) }, 'agreements of a case not checked for re-stamping: its plan could not be read')
      continue
    }
    const changes = agreements.flatMap((agreement) => {
      const planHash = restampedHash(agreement.plan_hash, plan, oldInputs)
      return planHash === null ? [] : [{ agreement, planHash }]
    })
    plan.destroy()
    if (changes.length === 0) {
      continue
    }
    restamped += await db.transaction(function* () {
      yield* lock('migrations')
      let done = 0
      const now = new Date()
      for (const { agreement, planHash } of changes) {
        const result = yield* run(SQL_RESTAMP, planHash, agreement.id, agreement.plan_hash)
        if (result.changes === 1) {
          done += 1
          yield* insertAudit([restampAudit(caseId, now, agreement, planHash)])
        }
      }
      return done
    })
  }
  if (restamped > 0) {
    logger.info({ agreements: restamped, from: migrateFirst ? 'plan v2' : 'v1 hash' }, 'agreements re-stamped with the current agreed-content hash (their agreed content is unchanged)')
  }
}
