import { defineConfig } from 'vitest/config'

// Four projects, run by `npm test` in one vitest process. On CI's two cores
// vitest's default is one worker (cores - 1), so files run one at a time.
// More workers do not help there: with three, a full run took 1,121 s
// against 1,166 s with one (2026-12-04): the files' summed time grew from
// 918 to 2,545 s, so the two cores (servers, Chromium, relays) are the limit.
//
// `isolate: false` where nothing needs a fresh module graph per file: each
// file used to import the server, Yjs and zod anew. In a full run of
// 2026-12-06 the files' own time was 984 s of a 1,304 s run, 181 s of the
// rest imports; without isolation for integration and e2e: 1,098 s (imports
// 45 s), the files' time unchanged. The server's and shared code's unit files
// alone: 84 s isolated, 23 s not. Those files keep no state in modules that
// another file could see (relays, databases, temporary folders and browser
// windows are per test; a worker's one Chromium is shared on purpose:
// test/e2e/browser.ts). The client's unit files stay isolated: they mock
// modules (vi.mock) and switch environments (jsdom).
// The helpers' clean-up hooks are registered for every file by a setup file,
// not when a file imports a helper (evaluated once per worker here).
const FileHooks = './test/helpers/fileHooks.ts'
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          setupFiles: [FileHooks],
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'client',
          include: ['client/**/*.test.{ts,tsx}'],
          environment: 'node',
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          setupFiles: [FileHooks],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One retry: on CI's two shared cores, with every suite running at
          // once, the first-run journey timed out once in four runs (the second
          // coach's plan not shown within 30 s; not reproduced alone or in
          // local full runs). A retried test is named above the summary line
          // by summaryReporter and its failure is printed by explainFailure;
          // a test that fails twice fails the run.
          retry: 1,
          environment: 'node',
          isolate: false,
          setupFiles: [FileHooks],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
})
