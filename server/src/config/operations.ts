/** Operations (issue 23): logging, who may read /metrics, the shutdown drain. */
import { z } from 'zod'
import { type AddressRule, parseAddressList } from './addresses.js'
import { defineSection, namedFields } from './section.js'

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

const OperationsEnvSchema = z.object({
  LOG_LEVEL: LogLevel.default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -hex 24)').optional(),
  METRICS_ALLOW: z
    .string()
    .refine((value) => parseAddressList(value) !== null, 'must be `loopback`, `none`, or a comma list of addresses and CIDR ranges (10.0.0.0/8, ::1)')
    .default('loopback'),
  SHUTDOWN_DRAIN_MS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).default(0),
})

export interface OperationsConfig {
  /** pino log level. */
  logLevel: z.infer<typeof LogLevel>
  /** METRICS_TOKEN: a bearer token that opens /metrics from any address. Never log it. */
  metricsToken: string | undefined
  /** METRICS_ALLOW: addresses that may read /metrics without the token (default: loopback). */
  metricsAllow: AddressRule[]
  /** SHUTDOWN_DRAIN_MS: after SIGTERM, /readyz answers 503 this long before connections close (the load balancer stops sending first). */
  shutdownDrainMs: number
}

export const OperationsSettings = defineSection(
  OperationsEnvSchema,
  (values): OperationsConfig => ({ ...namedFields(values), metricsAllow: parseAddressList(values.METRICS_ALLOW) ?? [] }),
  { secrets: ['METRICS_TOKEN'] },
)
