/** Core settings: where the server listens, where it is reached, what it serves, where the service works. */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { CoacheeTerms, ServiceCountries, type CoacheeTerm, type ServiceCountry } from '../../../shared/src/api/service.js'
import { defineSection, namedFields } from './section.js'

/** Finds the project root (the folder with package.json) above this file, from src and from dist alike. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      return dir
    }
    const parent = dirname(dir)
    if (parent === dir) {
      return process.cwd()
    }
    dir = parent
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const CoreEnvSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int('must be a whole number').min(0).max(65_535, 'must be at most 65535').default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://fallbuch.example.org' }).optional(),
  CLIENT_DIR: z.string().min(1).optional(),
  SERVICE_COUNTRY: z.enum(ServiceCountries, { error: 'must be DE or CH' }).default('DE'),
  // Unset: the zone of SERVICE_COUNTRY (timeZoneOf), so a Swiss service needs one setting, not two.
  TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
  COACHEE_TERM: z.enum(CoacheeTerms, { error: `must be one of ${CoacheeTerms.join(', ')}` }).default('coachee'),
})

/** The zone of calendar days when TIME_ZONE is unset: where a service of the country works. */
export function defaultTimeZone(country: ServiceCountry): string {
  return country === 'CH' ? 'Europe/Zurich' : 'Europe/Berlin'
}

export interface CoreConfig {
  /** TCP port; 0 picks a free one (tests). */
  port: number
  /** Interface to listen on. */
  host: string
  /** Public base URL behind a proxy; https turns on Secure cookies. */
  publicUrl: string | undefined
  /** Folder of the built client (index.html, assets). */
  clientDir: string
  /** Where the service works (SERVICE_COUNTRY): the cases' agreement flow (contract §8.3; CH: the coaches agree too). */
  serviceCountry: ServiceCountry
  /** The zone of calendar days (a consent's last day): where the people of the service live; TIME_ZONE, else the country's. */
  timeZone: string
  /** How the UI names the person coached (COACHEE_TERM): `coachee`, or `klient` (Klient/-in, as many Swiss services say). */
  coacheeTerm: CoacheeTerm
}

export const CoreSettings = defineSection(CoreEnvSchema, (values): CoreConfig => ({
  ...namedFields(values),
  publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
  clientDir: resolve(values.CLIENT_DIR ?? join(projectRoot(), 'dist', 'client')),
  timeZone: values.TIME_ZONE ?? defaultTimeZone(values.SERVICE_COUNTRY),
}))
