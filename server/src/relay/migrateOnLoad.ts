/**
 * Contract §8.1: a plan or notes room of an older schema is migrated by the
 * server when it loads the room, before any client syncs or any route reads
 * it (the relay hands the room out only after this resolved). Clients never
 * migrate. The migration is a server change (serverChanges.ts: its own
 * client id, bound to the server) committed through the room's normal
 * commit path, so it is stored before anyone sees it, reaches the other
 * processes like any commit, and runs once: the next load finds the current
 * schema and does nothing.
 */
import { schemaVersionOf } from '../../../shared/src/caseDocument/common.js'
import { migrateDoc, needsMigration } from '../../../shared/src/caseDocument/migrations.js'
import { initProfileDoc } from '../../../shared/src/caseDocument/profile.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { ClientIdStorage } from '../storage/rooms/RoomStorage.js'
import type { Room } from './room/Room.js'
import { ServerChangeOrigin, serverChangeUpdate } from './serverChanges.js'

/** What the migration needs besides the room. */
export interface MigrationContext {
  storage: Pick<ClientIdStorage, 'bindClientIds'>
  logger: Logger
  metrics: Metrics
}

/**
 * Migrates a freshly loaded room when its schema is older than this code's;
 * resolves once the migration is committed and applied (or at once when
 * there is nothing to do). Rejects when the commit failed: the room must
 * not be served half-way (the next load tries again).
 */
export async function migrateOnLoad(room: Room, context: MigrationContext): Promise<void> {
  const kind = room.parsed.kind
  if (kind === 'profile') {
    await seedEmptyProfile(room, context)
    return
  }
  if ((kind !== 'plan' && kind !== 'notes') || !needsMigration(kind, room.doc)) {
    return
  }
  const from = schemaVersionOf(room.doc)
  const update = await serverChangeUpdate(context.storage, room.name, room.doc, (doc) => {
    migrateDoc(kind, doc, ServerChangeOrigin)
  })
  if (update === null) {
    return
  }
  await room.submitUpdate(update, null)
  context.metrics.migratedRooms.value += 1
  // The room id and the versions only: never content.
  context.logger.info({ room: room.name, from, to: schemaVersionOf(room.doc) }, 'migrated a room to the current schema')
}

/**
 * Cases created before the occupational profile (issue 19) have no seeded
 * profile room: the server writes its first content when it loads the room
 * empty, the same way a new case's rooms are seeded, so no two clients
 * initialise it concurrently.
 */
async function seedEmptyProfile(room: Room, context: MigrationContext): Promise<void> {
  if (schemaVersionOf(room.doc) !== undefined) {
    return
  }
  const update = await serverChangeUpdate(context.storage, room.name, room.doc, (doc) => initProfileDoc(doc))
  if (update === null) {
    return
  }
  await room.submitUpdate(update, null)
  context.logger.info({ room: room.name }, 'seeded an empty profile room')
}
