// Environment, parsed once. docs/formats.md §4: DATABASE_URL wins, then --db / PROBITY_DATA_DIR, then ./data.
import { z } from 'zod'
import type { DatabaseTarget } from './db/connect.ts'
import type { PasswordCost } from './features/accounts/passwords.ts'

/** Minutes of inactivity after which a session ends, unless PROBITY_SESSION_MINUTES says otherwise. */
export const DEFAULT_SESSION_MINUTES = 30

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PROBITY_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session cookies are Secure by default; browsers accept them on http://localhost. */
  PROBITY_COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  PROBITY_SESSION_MINUTES: z.coerce.number().int().min(1).default(DEFAULT_SESSION_MINUTES),
  /** Signs public form values; set the same value on every process serving one address. */
  PROBITY_FORM_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /**
   * Strict-Transport-Security, for a service reached only over HTTPS: "true" (one year) or a max-age in
   * seconds. Off by default: the default deployment is http://localhost.
   */
  PROBITY_HSTS: z
    .string()
    .regex(/^(true|false|\d+)$/, 'use true, false or a max-age in seconds')
    .default('false'),
  /**
   * Behind a load balancer or proxy: which X-Forwarded-For hops to believe, so that client addresses (for the
   * sign-in flood limit) are real. "false" (default), "true", a number of hops, or addresses and CIDR ranges.
   */
  PROBITY_TRUST_PROXY: z.string().min(1).default('false'),
  /** argon2id cost of password hashes: "standard" (RFC 9106, 64 MiB); "low" is for the test suite only. */
  PROBITY_PASSWORD_COST: z.enum(['standard', 'low']).default('standard'),
  /** How long readiness answers 503 before the listener closes on SIGTERM, for a load balancer to notice. */
  PROBITY_SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
})

const ONE_YEAR_SECONDS = 31_536_000

export interface Config {
  database: DatabaseTarget
  port: number
  host: string
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  cookieSecure: boolean
  sessionMinutes: number
  formSecret: string | undefined
  /** Seconds browsers should use HTTPS only (Strict-Transport-Security); null sends no such header. */
  hstsMaxAge: number | null
  shutdownDelayMs: number
  trustProxy: TrustProxy
  passwordCost: PasswordCost
}

/** Fastify's trustProxy: believe no proxy, every proxy, the nearest N hops, or these addresses. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean)

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { dataDir?: string } = {}): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const e = parsed.data
  const database: DatabaseTarget = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'pglite', dataDir: options.dataDir ?? e.PROBITY_DATA_DIR ?? './data' }
  return {
    database,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.PROBITY_COOKIE_SECURE === 'true',
    sessionMinutes: e.PROBITY_SESSION_MINUTES,
    formSecret: e.PROBITY_FORM_SECRET,
    hstsMaxAge: hstsMaxAge(e.PROBITY_HSTS),
    shutdownDelayMs: e.PROBITY_SHUTDOWN_DELAY_MS,
    trustProxy: trustProxy(e.PROBITY_TRUST_PROXY),
    passwordCost: e.PROBITY_PASSWORD_COST,
  }
}

function hstsMaxAge(setting: string): number | null {
  if (setting === 'false' || setting === '0') return null
  return setting === 'true' ? ONE_YEAR_SECONDS : Number(setting)
}

function trustProxy(setting: string): TrustProxy {
  if (setting === 'true' || setting === 'false') return setting === 'true'
  if (!/^\d+$/.test(setting)) return setting
  const hops = Number(setting)
  return (_address, hop) => hop < hops
}
