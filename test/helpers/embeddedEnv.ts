/**
 * The environment for a child process that must run Fallbuch on its embedded
 * default (SQLite): the test's own environment without the scaled-out
 * settings, which CI exports for the PostgreSQL + Redis suites.
 */
export function embeddedEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides }
  for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'REDIS_PREFIX']) {
    delete env[name]
  }
  return env
}
