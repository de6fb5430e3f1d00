import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './loadConfig.js'

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8080)
    expect(config.host).toBe('127.0.0.1')
    expect(config.logLevel).toBe('info')
    expect(config.sessionMaxAgeHours).toBe(336)
    expect(config.sessionIdleHours).toBe(12)
    expect(config.compactAfterUpdates).toBe(500)
    expect(config.roomIdleMs).toBe(10_000)
    expect(config.maxMessageBytes).toBe(8 * 1024 * 1024)
    expect(config.sqliteSynchronous).toBe('normal')
    expect(config.publicUrl).toBeUndefined()
    expect(config.dataDir.endsWith('data')).toBe(true)
    expect(config.clientDir.replaceAll('\\', '/').endsWith('dist/client')).toBe(true)
  })

  it('reads numbers and enums from strings', () => {
    const config = loadConfig({ PORT: '0', SQLITE_SYNCHRONOUS: 'full', PUBLIC_URL: 'https://fallbuch.example.org/' })
    expect(config.port).toBe(0)
    expect(config.sqliteSynchronous).toBe('full')
    expect(config.publicUrl).toBe('https://fallbuch.example.org')
  })

  it("takes the time zone and the coachee term of the service's country unless set (issue 19)", () => {
    expect(loadConfig({})).toMatchObject({ serviceCountry: 'DE', timeZone: 'Europe/Berlin', coacheeTerm: 'coachee' })
    expect(loadConfig({ SERVICE_COUNTRY: 'CH' })).toMatchObject({ serviceCountry: 'CH', timeZone: 'Europe/Zurich' })
    expect(loadConfig({ SERVICE_COUNTRY: 'CH', TIME_ZONE: 'Europe/Vienna', COACHEE_TERM: 'klient' })).toMatchObject({ timeZone: 'Europe/Vienna', coacheeTerm: 'klient' })
    expect(() => loadConfig({ COACHEE_TERM: 'patient' })).toThrow('COACHEE_TERM="patient": must be one of coachee, klient')
  })

  it('names every bad variable with its value in one error', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toContain('PORT="eighty": must be a port number (0-65535)')
    expect(message).toContain('LOG_LEVEL="loud"')
  })

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": must be at most 65535/)
  })

  it('stays on embedded SQLite without DATABASE_URL, and reads the scale-out variables', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined()
    const config = loadConfig({
      DATABASE_URL: 'postgres://fallbuch@db:5432/fallbuch',
      DATABASE_SCHEMA: 'tenant_a',
      REDIS_URL: 'redis://redis:6379',
    })
    expect(config).toMatchObject({ databaseUrl: 'postgres://fallbuch@db:5432/fallbuch', databaseSchema: 'tenant_a', redisUrl: 'redis://redis:6379', redisPrefix: 'fallbuch:' })
  })

  it('refuses REDIS_URL without DATABASE_URL, and URLs of the wrong kind, together with other bad variables', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://redis:6379' })).toThrow(/REDIS_URL="redis:\/\/redis:6379": needs DATABASE_URL/)
    let message = ''
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/fallbuch' })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('PORT="eighty"')
    expect(message).toContain('DATABASE_URL="mysql://db/fallbuch": must be a PostgreSQL URL')
  })

  it('reads the mail settings; SMTP_URL needs MAIL_FROM and is never echoed', () => {
    expect(loadConfig({})).toMatchObject({ smtpUrl: undefined, mailFrom: undefined, mailRetryMs: 60_000, digestHour: 7, digestSweepMs: 900_000 })
    const config = loadConfig({ SMTP_URL: 'smtp://fb:geheim@mail.example.org:587', MAIL_FROM: 'Fallbuch <fb@example.org>', DIGEST_HOUR: '6' })
    expect(config).toMatchObject({ smtpUrl: 'smtp://fb:geheim@mail.example.org:587', mailFrom: 'Fallbuch <fb@example.org>', digestHour: 6 })
    expect(() => loadConfig({ SMTP_URL: 'smtp://fb:geheim@mail.example.org:587' })).toThrow(/MAIL_FROM=.*is needed with SMTP_URL/)
    let message = ''
    try {
      loadConfig({ SMTP_URL: 'http://fb:geheim@mail.example.org', MAIL_FROM: 'x@example.org' })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message).toContain('SMTP_URL=(hidden)')
    expect(message).not.toContain('geheim')
  })

  it('reads TRUST_PROXY and the login throttle settings, and names a bad proxy entry', () => {
    const defaults = loadConfig({})
    expect(defaults.trustProxy).toBeUndefined()
    expect(defaults.loginThrottle).toEqual({ accountAddress: { maxFailures: 5, windowMs: 900_000 }, address: { maxFailures: 30, windowMs: 900_000 } })
    const config = loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8', LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: '3', LOGIN_FAILURES_PER_ADDRESS: '100', LOGIN_THROTTLE_WINDOW_MINUTES: '5' })
    expect(config.trustProxy).toBe('loopback, 10.0.0.0/8')
    expect(config.loginThrottle).toEqual({ accountAddress: { maxFailures: 3, windowMs: 300_000 }, address: { maxFailures: 100, windowMs: 300_000 } })
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' })).toThrow(/TRUST_PROXY="proxy.example.org": must be `loopback` or a comma list/)
  })
})
