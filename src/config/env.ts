// Configuration, parsed once from the environment by the runtime entry (nothing else reads process.env or c.env).
// A platform with no credentials is simply off; the bot still runs (console chat, HTTP API).
import { z } from 'zod'
import { AppError } from '../errors.ts'

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const url = (fallback: string) => z.string().trim().url().default(fallback)

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/bot.db')
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), 'must start with file: or postgres://'),
  /** The local chat simulator (/simulator): on by default, off in production (console users are unverified). */
  SIMULATOR: z.enum(['on', 'off']).optional(),
  /**
   * Node: where stored events are processed, the outbox delivered and the jobs run. `thread` (the default when the
   * simulator is off) keeps all that off the event loop that acknowledges webhooks; `inline` shares it (the
   * simulator needs this: it shows what the main thread delivers).
   */
  PROCESSING: z.enum(['thread', 'inline']).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Bearer token for scripts calling the admin API (/admin/api) and for bootstrapping (the first admin); without it
   * only people signed in to the console get in. At least 24 characters: it opens everything.
   */
  ADMIN_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 24, 'must be at least 24 characters'),
  /** The address people open the console at, e.g. https://bot.example.gov.cn; the OAuth redirect is built on it. */
  PUBLIC_URL: optionalText.pipe(z.string().url().optional()),
  /** Console cookies carry `Secure` (only sent over HTTPS). On by default in production; off for http://localhost. */
  CONSOLE_SECURE_COOKIES: z.enum(['on', 'off']).optional(),
  /** Minutes without a request after which a console session ends. */
  CONSOLE_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * Sign in to the console by picking a demo staff member, without Feishu or DingTalk: local demos only. On by
   * default where the simulator is; refused in production.
   */
  CONSOLE_DEV_SIGNIN: z.enum(['on', 'off']).optional(),
  /** Where the knowledge base (knowledge/*.md) lives on Node. */
  KNOWLEDGE_DIR: z.string().default('knowledge'),

  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_BASE_URL: url('https://open.feishu.cn'),
  FEISHU_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  /** Where people authorise the console's Feishu sign-in (the OAuth authorize page). */
  FEISHU_ACCOUNTS_URL: url('https://accounts.feishu.cn'),

  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_API_BASE_URL: url('https://api.dingtalk.com'),
  DINGTALK_MODE: z.enum(['webhook', 'stream']).default('webhook'),
  /** Where people authorise the console's DingTalk sign-in, and the older API host that maps unionId → userId. */
  DINGTALK_LOGIN_URL: url('https://login.dingtalk.com'),
  DINGTALK_OAPI_BASE_URL: url('https://oapi.dingtalk.com'),
  /** Interactive card template id imported into the DingTalk developer console; without it cards fall back. */
  DINGTALK_CARD_TEMPLATE_ID: optionalText,

  LLM_BASE_URL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
})

export type Env = z.infer<typeof envSchema>

export interface AppConfig {
  env: Env
  feishu?: {
    appId: string
    appSecret: string
    verificationToken: string
    encryptKey?: string
    baseUrl: string
    mode: 'webhook' | 'ws'
  }
  dingtalk?: {
    clientId: string
    clientSecret: string
    robotCode: string
    apiBaseUrl: string
    /** The older API host: media upload (robot images). */
    oapiBaseUrl: string
    mode: 'webhook' | 'stream'
    cardTemplateId?: string
  }
  llm?: { baseUrl: string; apiKey?: string; model: string }
  /** The staff console and the admin API (src/admin, src/console). */
  console: {
    secureCookies: boolean
    idleMinutes: number
    devSignIn: boolean
    publicUrl?: string
    feishuAccountsUrl: string
    dingtalkLoginUrl: string
    dingtalkOapiUrl: string
  }
}

/**
 * Parses and checks the environment. Throws one AppError('config_invalid') naming every bad variable (never its
 * value: it may be a secret).
 */
export function parseEnv(source: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new AppError('config_invalid', `invalid configuration — ${problems.join('; ')}`)
  }
  const env = parsed.data
  const missing = (group: string, names: string[]) => {
    const absent = names.filter((n) => !env[n as keyof Env])
    if (absent.length && absent.length < names.length) {
      throw new AppError('config_invalid', `invalid configuration — ${group} needs ${absent.join(', ')} as well`)
    }
    return absent.length === 0
  }
  const feishuOn = missing('Feishu', ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN'])
  const dingOn = missing('DingTalk', ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE'])
  const llmOn = missing('LLM', ['LLM_BASE_URL', 'LLM_MODEL'])
  env.SIMULATOR ??= env.NODE_ENV === 'production' ? 'off' : 'on'
  env.PROCESSING ??= env.SIMULATOR === 'on' ? 'inline' : 'thread'
  if (env.PROCESSING === 'thread' && env.SIMULATOR === 'on') {
    throw new AppError(
      'config_invalid',
      'invalid configuration — PROCESSING=thread needs SIMULATOR=off (the simulator shows only what the main thread delivers)',
    )
  }
  env.CONSOLE_SECURE_COOKIES ??= env.NODE_ENV === 'production' ? 'on' : 'off'
  env.CONSOLE_DEV_SIGNIN ??= env.SIMULATOR === 'on' && env.NODE_ENV !== 'production' ? 'on' : 'off'
  if (env.CONSOLE_DEV_SIGNIN === 'on' && env.NODE_ENV === 'production') {
    throw new AppError(
      'config_invalid',
      'invalid configuration — CONSOLE_DEV_SIGNIN=on is for local demos and is refused in production (anyone could sign in as anyone)',
    )
  }
  const trim = (u: string) => u.replace(/\/$/, '')
  return {
    env,
    console: {
      secureCookies: env.CONSOLE_SECURE_COOKIES === 'on',
      idleMinutes: env.CONSOLE_IDLE_MINUTES,
      devSignIn: env.CONSOLE_DEV_SIGNIN === 'on',
      publicUrl: env.PUBLIC_URL ? trim(env.PUBLIC_URL) : undefined,
      feishuAccountsUrl: trim(env.FEISHU_ACCOUNTS_URL),
      dingtalkLoginUrl: trim(env.DINGTALK_LOGIN_URL),
      dingtalkOapiUrl: trim(env.DINGTALK_OAPI_BASE_URL),
    },
    feishu: feishuOn
      ? {
          appId: env.FEISHU_APP_ID!,
          appSecret: env.FEISHU_APP_SECRET!,
          verificationToken: env.FEISHU_VERIFICATION_TOKEN!,
          encryptKey: env.FEISHU_ENCRYPT_KEY,
          baseUrl: env.FEISHU_BASE_URL.replace(/\/$/, ''),
          mode: env.FEISHU_MODE,
        }
      : undefined,
    dingtalk: dingOn
      ? {
          clientId: env.DINGTALK_CLIENT_ID!,
          clientSecret: env.DINGTALK_CLIENT_SECRET!,
          robotCode: env.DINGTALK_ROBOT_CODE!,
          apiBaseUrl: env.DINGTALK_API_BASE_URL.replace(/\/$/, ''),
          oapiBaseUrl: trim(env.DINGTALK_OAPI_BASE_URL),
          mode: env.DINGTALK_MODE,
          cardTemplateId: env.DINGTALK_CARD_TEMPLATE_ID,
        }
      : undefined,
    llm: llmOn ? { baseUrl: env.LLM_BASE_URL!, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL! } : undefined,
  }
}
