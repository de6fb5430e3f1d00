/**
 * One concern's settings: the environment variables it reads (a zod schema)
 * and the config fields it makes of them. Every section is read even when
 * another fails, so one error can name every bad variable.
 */
import { z } from 'zod'

/** The environment as given, with empty values already removed. */
export type Environment = Readonly<Record<string, string>>

/** One bad variable: its name and what is wrong with it. */
export interface SettingIssue {
  variable: string
  message: string
}

/** The outcome of reading one section. */
export type SectionResult<Fields> = { ok: true; fields: Fields } | { ok: false; issues: SettingIssue[] }

/** A concern's settings (see the module comment). */
export interface Section<Fields> {
  /** Variables whose value an error message must not repeat. */
  readonly secrets: readonly string[]
  read(env: Environment): SectionResult<Fields>
}

/** A section from its schema and the fields made of its validated values. */
export function defineSection<Schema extends z.ZodObject, Fields>(
  schema: Schema,
  toFields: (values: z.output<Schema>) => Fields,
  options: { secrets?: readonly string[] } = {},
): Section<Fields> {
  return {
    secrets: options.secrets ?? [],
    read(env) {
      const parsed = schema.safeParse(env)
      if (!parsed.success) {
        return { ok: false, issues: parsed.error.issues.map((issue) => ({ variable: issue.path.join('.'), message: issue.message })) }
      }
      // An unset optional variable is there as undefined, so its field is too.
      const unset = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, undefined]))
      return { ok: true, fields: toFields({ ...unset, ...parsed.data }) }
    },
  }
}

/** `MAX_UPDATE_STRUCTS` -> `maxUpdateStructs`. */
type CamelCase<Name extends string> = Name extends `${infer Head}_${infer Tail}`
  ? `${Lowercase<Head>}${Capitalize<CamelCase<Tail>>}`
  : Lowercase<Name>

/** The validated variables under their config names. */
export type NamedFields<Values> = { [Name in keyof Values as Name extends string ? CamelCase<Name> : never]-?: Values[Name] }

/**
 * A config field is named after its variable (SMTP_URL -> smtpUrl), so a
 * section spells out only the fields it changes on the way (paths resolved,
 * lists split).
 */
export function namedFields<Values extends Record<string, unknown>>(values: Values): NamedFields<Values> {
  const fields: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    const [head = '', ...rest] = name.toLowerCase().split('_')
    fields[head + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')] = value
  }
  return fields as NamedFields<Values>
}

/** A whole number above 0 (intervals, limits, counts). */
export const positiveInt = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive('must be greater than 0')
