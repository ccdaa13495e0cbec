// A small fetch-based client for the DingTalk open API (api.dingtalk.com, v1.0): one cached access token shared by
// every call, refreshed before it expires and once more on a 401. fetch works the same on Node and Workers.
// Token facts: docs/protocols.md §DingTalk tokens.

export interface DingtalkApiOptions {
  baseUrl: string
  /** The older API host (oapi.dingtalk.com): media upload lives there. */
  oapiBaseUrl?: string
  clientId: string
  clientSecret: string
  fetch?: typeof fetch
  now?: () => number
}

export type ApiResult<T = Record<string, unknown>> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; message: string; retryable: boolean; retryAfterMs?: number }

export interface DingtalkApi {
  call<T = Record<string, unknown>>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<ApiResult<T>>
  /** POSTs to a robot sessionWebhook (no token: the URL itself is the credential). */
  postSessionWebhook(url: string, body: unknown): Promise<ApiResult>
  accessToken(): Promise<string>
  /**
   * Uploads a media file (multipart, field `media`) to oapi `/media/upload` → `{media_id}`, which a robot's
   * sampleImageMsg takes as its photoURL (docs/protocols.md §DingTalk robot images).
   */
  uploadMedia(type: 'image', file: MediaFile): Promise<ApiResult<{ media_id: string }>>
}

export interface MediaFile {
  bytes: Uint8Array
  filename: string
  contentType: string
}

/** Refresh this long before DingTalk's stated expiry, as the official python SDK does. */
const EARLY_REFRESH_MS = 5 * 60 * 1000
/** Flow-control markers seen in DingTalk error codes and messages (codes are not all documented). */
const FLOW_CONTROL = /flow.?control|too.?fast|too.?many|qps.?limit|throttl|rate.?limit/i
/** Legacy robot errcodes for "sending too fast" (custom robot / sessionWebhook). */
const FLOW_ERRCODES = new Set([130101, 130102, 410100])
const DEFAULT_FLOW_WAIT_MS = 30_000
/** Legacy (oapi) errcodes of a token that is invalid or expired: fetch a new one and try once more. */
const TOKEN_ERRCODES = new Set(['40001', '40014', '42001'])

export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

async function readJson(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text()
  if (!text) return {}
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return { message: text.slice(0, 200) }
  }
}

/** Maps an HTTP status and DingTalk error body to a failed ApiResult (flow control and 5xx are retryable). */
export function toFailure(status: number, body: Record<string, unknown>, headers: Headers): ApiResult & { ok: false } {
  const code = String(body.code ?? body.errcode ?? `http_${status}`)
  const message = String(body.message ?? body.errmsg ?? '')
  const flow =
    status === 429 || FLOW_CONTROL.test(code) || FLOW_CONTROL.test(message) || FLOW_ERRCODES.has(Number(body.errcode))
  const retryable = flow || status >= 500 || status === 0
  const wait = retryAfterMs(headers) ?? (flow ? DEFAULT_FLOW_WAIT_MS : undefined)
  return { ok: false, status, code, message, retryable, retryAfterMs: wait }
}

export function createDingtalkApi(options: DingtalkApiOptions): DingtalkApi {
  const doFetch = options.fetch ?? fetch
  const now = options.now ?? Date.now
  let token: { value: string; expiresAt: number } | null = null
  let pending: Promise<string> | null = null

  async function fetchToken(): Promise<string> {
    const res = await doFetch(`${options.baseUrl}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: options.clientId, appSecret: options.clientSecret }),
    })
    const body = await readJson(res)
    if (!res.ok || typeof body.accessToken !== 'string') {
      throw new Error(`dingtalk accessToken failed: HTTP ${res.status} ${String(body.code ?? '')}`)
    }
    const lifetimeMs = (Number(body.expireIn) || 7200) * 1000
    token = { value: body.accessToken, expiresAt: now() + Math.max(lifetimeMs - EARLY_REFRESH_MS, lifetimeMs / 2) }
    return token.value
  }

  function accessToken(): Promise<string> {
    if (token && now() < token.expiresAt) return Promise.resolve(token.value)
    // Concurrent callers share one token request.
    pending ??= fetchToken().finally(() => {
      pending = null
    })
    return pending
  }

  async function send(url: string, init: RequestInit): Promise<ApiResult<Record<string, unknown>>> {
    let res: Response
    try {
      res = await doFetch(url, init)
    } catch (error) {
      return { ok: false, status: 0, code: 'network', message: (error as Error).message, retryable: true }
    }
    const body = await readJson(res)
    if (!res.ok) return toFailure(res.status, body, res.headers)
    // Legacy endpoints (sessionWebhook) answer 200 with an errcode.
    if (body.errcode !== undefined && Number(body.errcode) !== 0) return toFailure(res.status, body, res.headers)
    return { ok: true, status: res.status, data: body }
  }

  type Result = ApiResult<Record<string, unknown>>

  /** Runs a request with the app token; when it says the token is bad, fetches a new one and tries once more. */
  async function withToken(request: (token: string) => Promise<Result>, tokenRefused: (r: Result) => boolean) {
    const attempt = async (): Promise<Result> => {
      let value: string
      try {
        value = await accessToken()
      } catch (error) {
        return { ok: false, status: 0, code: 'access_token', message: (error as Error).message, retryable: true }
      }
      return request(value)
    }
    let result = await attempt()
    if (tokenRefused(result)) {
      token = null // revoked or expired early
      result = await attempt()
    }
    return result
  }

  async function call<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<ApiResult<T>> {
    const result = await withToken(
      (value) =>
        send(`${options.baseUrl}${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': value },
          body: JSON.stringify(body),
        }),
      (r) => !r.ok && r.status === 401,
    )
    return result as ApiResult<T>
  }

  async function uploadMedia(type: 'image', file: MediaFile): Promise<ApiResult<{ media_id: string }>> {
    const oapi = options.oapiBaseUrl ?? 'https://oapi.dingtalk.com'
    const result = await withToken(
      (value) => {
        const form = new FormData()
        form.append('type', type)
        form.append(
          'media',
          new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.contentType }),
          file.filename,
        )
        // `type` in the query too: the documentation asks for it in the form, and notes some clients need the query.
        return send(`${oapi}/media/upload?access_token=${encodeURIComponent(value)}&type=${type}`, {
          method: 'POST',
          body: form,
        })
      },
      (r) => !r.ok && (r.status === 401 || TOKEN_ERRCODES.has(r.code)),
    )
    if (result.ok && typeof result.data.media_id !== 'string')
      return { ok: false, status: result.status, code: 'no_media_id', message: 'no media_id', retryable: true }
    return result as ApiResult<{ media_id: string }>
  }

  return {
    call,
    accessToken,
    uploadMedia,
    postSessionWebhook: (url, body) =>
      send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  }
}
