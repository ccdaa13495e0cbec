// One error type with a stable code. Expected outcomes (not eligible, not allowed, not found) are return values,
// not exceptions; AppError is for requests we refuse and for faults. `onError` in app.ts maps it to a response.
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_signature: 401,
  stale_request: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  conflict: 409,
  config_invalid: 500,
  card_template_invalid: 500,
  platform_error: 502,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
    this.status = ERROR_STATUS[code]
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError
