import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints the closing line CI reads: `N passed, N failed` (with `, N skipped`
 * when any were skipped), after vitest's own summary.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    const retried: string[] = []
    for (const testModule of testModules) {
      let moduleHadTests = false
      for (const testCase of testModule.children.allTests()) {
        moduleHadTests = true
        const state = testCase.result().state
        const retries = testCase.diagnostic()?.retryCount ?? 0
        if (retries > 0) {
          retried.push(`${testCase.fullName} (${state} after ${retries} retr${retries === 1 ? 'y' : 'ies'})`)
        }
        if (state === 'passed') {
          passed += 1
        } else if (state === 'failed') {
          failed += 1
        } else {
          skipped += 1
        }
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (!moduleHadTests && testModule.state() === 'failed') {
        failed += 1
      }
    }
    failed += unhandledErrors.length
    for (const name of retried) {
      process.stdout.write(`\nretried: ${name}`)
    }
    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`
    process.stdout.write(`\n${line}\n`)
  }
}
