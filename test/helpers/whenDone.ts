/**
 * Cleanup of what a helper started, at the right time: when the test that
 * called the helper ends (passed or failed), or, when the helper was called
 * outside a test (in a beforeAll, or while the file is collected), when the
 * test file ends. Vitest runs no afterAll registered inside a running test
 * or beforeAll, so helpers that registered one there left their relays
 * running and their temporary folders behind (hundreds of MB under /tmp
 * per `npm test`).
 */
import { onTestFinished, TestRunner } from 'vitest'

type Cleanup = () => Promise<void> | void

const atFileEnd: Cleanup[] = []

/**
 * Runs the cleanups left for the end of the file, last registered first (as
 * vitest runs hooks: a relay closes before its folder is removed). Every
 * test file runs it in an afterAll (fileHooks.ts, a setup file: test files
 * share this module when vitest does not isolate them).
 */
export async function endFileScope(): Promise<void> {
  const failures: unknown[] = []
  for (const cleanup of atFileEnd.splice(0).reverse()) {
    try {
      await cleanup()
    } catch (err) {
      failures.push(err)
    }
  }
  if (failures.length > 0) {
    throw failures[0]
  }
}

/**
 * Where cleanups go that belong with what is being started now: the running
 * test, or the file. Kept by a helper whose things outlive the call (a
 * relay restarted later runs until the end of the scope it was started in).
 */
export function cleanupScope(): (cleanup: Cleanup) => void {
  const test = TestRunner.getCurrentTest()
  return (cleanup) => {
    if (test !== undefined && TestRunner.getCurrentTest() === test) {
      onTestFinished(cleanup)
    } else {
      atFileEnd.push(cleanup)
    }
  }
}

/** Runs `cleanup` when the running test ends, or at the end of the file when no test runs. */
export function whenDone(cleanup: Cleanup): void {
  cleanupScope()(cleanup)
}
