/**
 * The relay's logger. Rule: never log document content, cookies, tokens
 * (session, setup, invitation) or passwords — log ids, room names, routes.
 */
import { pino, type Logger } from 'pino'
import type { Config } from './config/loadConfig.js'

export type { Logger }

/** Creates the pino logger for a config. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    // Belt and braces: should a request or header object ever reach a log call.
    redact: { paths: ['req.headers', 'headers.cookie', 'cookie', 'password', 'token'], remove: true },
  })
}
