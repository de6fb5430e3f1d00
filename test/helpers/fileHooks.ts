/**
 * The clean-up hooks of the test helpers, registered for every test file
 * (a vitest setup file of the unit, integration and e2e projects).
 *
 * The helpers used to register them when a test file imported them. Those
 * projects do not isolate their files (vitest.config.ts), so a helper
 * module is evaluated once per worker: its hooks ran for the first file
 * that imported it and never again, and later files left relays running
 * and their folders behind (75 relay folders in a full run). A setup file
 * runs again before each test file.
 *
 * vitest runs after-hooks last registered first: a file's folders go and
 * its relays close (whenDone), then what is left of its processes is
 * killed, then its PostgreSQL schemas are dropped, which those used.
 */
import { afterAll, afterEach } from 'vitest'
import { abortEventStreams } from '../integration/support/eventStream.js'
import { closeSyncClients } from '../integration/support/syncClients.js'
import { stopTrackedProcesses } from './processes.js'
import { dropTestSchemas } from './scaleOut.js'
import { removeTestDatabases } from './sqliteRoomLog.js'
import { endFileScope } from './whenDone.js'

afterEach(() => {
  closeSyncClients()
  abortEventStreams()
  removeTestDatabases()
})

afterAll(dropTestSchemas)
afterAll(stopTrackedProcesses)
afterAll(endFileScope)
