// Structured JSON logs, one object per line. Personal data is masked before it is written: mobile numbers,
// 统一社会信用代码 and anything under a secret-looking key. Logs are for ops, so they are in English.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  child(fields: LogFields): Logger
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const SECRET_KEY = /secret|token|password|encrypt_?key|authorization|sign(ature)?$/i
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g
const CREDIT_CODE = /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2})[0-9A-HJ-NPQRTUWXY]{12}([0-9A-HJ-NPQRTUWXY]{4})(?![0-9A-Z])/g

/** Masks mobile numbers (138****5678) and credit codes (91****…1234) in free text. */
export function maskText(text: string): string {
  return text.replace(MOBILE, '$1****$2').replace(CREDIT_CODE, '$1************$2')
}

export function maskValue(value: unknown, key = '', depth = 0): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return '[redacted]'
  if (typeof value === 'string') return maskText(value)
  if (value instanceof Error) return { name: value.name, message: maskText(value.message) }
  if (depth > 5) return '[…]'
  if (Array.isArray(value)) return value.map((v) => maskValue(v, '', depth + 1))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, k, depth + 1)
    return out
  }
  return value
}

export interface LoggerOptions {
  level?: LogLevel
  /** Where lines go; defaults to stderr for warn/error and stdout otherwise. */
  write?: (line: string, level: LogLevel) => void
  now?: () => Date
}

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info']
  const write = options.write ?? defaultWrite
  const now = options.now ?? (() => new Date())
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return
    const record = maskValue({ time: now().toISOString(), level, msg, ...bound, ...fields }) as LogFields
    write(JSON.stringify(record), level)
  }
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  }
}

function defaultWrite(line: string, level: LogLevel) {
  if (level === 'warn' || level === 'error') console.error(line)
  else console.log(line)
}

/** A logger that keeps nothing: for CLI runs where logs would clutter the conversation. */
export const silentLogger: Logger = createLogger({ write: () => {} })
