/**
 * The relay's configuration, read once from the environment and validated
 * with zod, one section per concern (core, storage, encryption, security,
 * relay, retention, mail, operations, team), so a typo fails at start with every
 * bad variable of every section named in one error.
 */
import { type CoreConfig, CoreSettings } from './core.js'
import { type EncryptionConfig, EncryptionSettings } from './encryption.js'
import { type MailConfig, MailSettings } from './mail.js'
import { type OperationsConfig, OperationsSettings } from './operations.js'
import { type RelayConfig, type RelayLimits, RelayLimitSettings, RelaySettings } from './relay.js'
import { type RetentionConfig, RetentionSettings } from './retention.js'
import type { Environment, Section } from './section.js'
import { type SecurityConfig, SecuritySettings } from './security.js'
import { type TeamConfig, TeamSettings } from './team.js'
import { EmbeddedStorageSettings, ScaleOutSettings, type StorageConfig } from './storage.js'

/** Validated relay configuration. */
export interface Config
  extends CoreConfig,
    StorageConfig,
    EncryptionConfig,
    SecurityConfig,
    RelayConfig,
    RetentionConfig,
    MailConfig,
    OperationsConfig,
    TeamConfig {
  /** Limits of the sync endpoint (issue 9); every field has an environment variable. */
  limits: RelayLimits
}

/** Thrown by {@link loadConfig}; the message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

type FieldsOf<Sections> = { [Name in keyof Sections]: Sections[Name] extends Section<infer Fields> ? Fields : never }

/** Reads every section; any bad variable throws one ConfigError naming them all (secrets without their value). */
function readSections<Sections extends Record<string, Section<unknown>>>(
  sections: Sections,
  env: Record<string, string | undefined>,
): FieldsOf<Sections> {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned: Environment = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  )
  const fields: Record<string, unknown> = {}
  const lines: string[] = []
  for (const [name, section] of Object.entries(sections)) {
    const result = section.read(cleaned)
    if (result.ok) {
      fields[name] = result.fields
      continue
    }
    for (const { variable, message } of result.issues) {
      const shown = section.secrets.includes(variable) ? '(hidden)' : JSON.stringify(env[variable] ?? '')
      lines.push(`  ${variable}=${shown}: ${message}`)
    }
  }
  if (lines.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return fields as FieldsOf<Sections>
}

/** Parses the relay configuration from an environment (usually `process.env`). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const read = readSections(
    {
      core: CoreSettings,
      embeddedStorage: EmbeddedStorageSettings,
      scaleOut: ScaleOutSettings,
      encryption: EncryptionSettings,
      security: SecuritySettings,
      relay: RelaySettings,
      relayLimits: RelayLimitSettings,
      retention: RetentionSettings,
      mail: MailSettings,
      operations: OperationsSettings,
      team: TeamSettings,
    },
    env,
  )
  return {
    ...read.core,
    ...read.embeddedStorage,
    ...read.scaleOut,
    ...read.encryption,
    ...read.security,
    ...read.relay,
    ...read.relayLimits,
    ...read.retention,
    ...read.mail,
    ...read.operations,
    ...read.team,
  }
}
