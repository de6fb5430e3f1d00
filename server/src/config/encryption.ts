/** Encryption at rest: the master keys, and data keys the operator accepted as lost (issue 23). */
import { resolve } from 'node:path'
import { z } from 'zod'
import { defineSection, namedFields } from './section.js'

const EncryptionEnvSchema = z.object({
  // Checked in detail by crypto/masterKeys.ts (without ever echoing the value).
  MASTER_KEY: z.string().regex(/^[A-Za-z0-9+/=_,\s-]+$/, 'must be base64 of 32 bytes (several separated by commas, current first)').optional(),
  MASTER_KEY_FILE: z.string().min(1).optional(),
  ACCEPT_MISSING_DATA_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, 'must be case or copy ids separated by commas')
    .optional(),
})

export interface EncryptionConfig {
  /**
   * MASTER_KEY: base64 master key(s) of encryption at rest, current first,
   * comma-separated. Never log it.
   */
  masterKey: string | undefined
  /** MASTER_KEY_FILE: a file with one base64 master key per line, current first. */
  masterKeyFile: string | undefined
  /** ACCEPT_MISSING_DATA_KEYS: case / copy ids whose lost data keys the operator accepted (start-up check). */
  acceptMissingDataKeys: string[]
}

export const EncryptionSettings = defineSection(
  EncryptionEnvSchema,
  (values): EncryptionConfig => ({
    ...namedFields(values),
    masterKeyFile: values.MASTER_KEY_FILE === undefined ? undefined : resolve(values.MASTER_KEY_FILE),
    acceptMissingDataKeys: values.ACCEPT_MISSING_DATA_KEYS?.split(',') ?? [],
  }),
  { secrets: ['MASTER_KEY'] },
)
