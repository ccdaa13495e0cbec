// A fetch-based HttpInstance for the Feishu SDK `Client`. Why not the SDK's default axios instance: it swallows the
// response headers we need (x-ogw-ratelimit-reset), its Node http adapter does not run on Workers, and it is shared
// process-wide. This one uses global fetch (Node 20 and Workers), throws FeishuHttpError with status, headers and the
// JSON body on non-2xx, and otherwise resolves with the JSON body, as the SDK expects.
import type { HttpInstance, HttpRequestOptions } from '@larksuiteoapi/node-sdk'

export class FeishuHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: unknown,
  ) {
    super(`Feishu HTTP ${status}`)
    this.name = 'FeishuHttpError'
  }
}

export interface FetchHttpOptions {
  fetch?: typeof fetch
  /** Per-request timeout; the outbox retries a timed-out delivery. */
  timeoutMs?: number
}

type Serializer = (params: Record<string, unknown>) => string

function queryString(opts: HttpRequestOptions<unknown>): string {
  if (!opts.params || Object.keys(opts.params).length === 0) return ''
  const custom = opts.paramsSerializer
  if (typeof custom === 'function') return (custom as Serializer)(opts.params)
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(opts.params)) {
    if (value !== undefined && value !== null) search.append(key, String(value))
  }
  return search.toString()
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function createFetchHttpInstance(options: FetchHttpOptions = {}): HttpInstance {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 10_000

  async function request<R>(opts: HttpRequestOptions<unknown>): Promise<R> {
    const method = (opts.method ?? 'GET').toUpperCase()
    const query = queryString(opts)
    const url = query ? `${opts.url}${opts.url?.includes('?') ? '&' : '?'}${query}` : String(opts.url)
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined && value !== null) headers[key] = String(value)
    }
    const hasBody = opts.data !== undefined && method !== 'GET' && method !== 'HEAD'
    if (hasBody) headers['content-type'] ??= 'application/json; charset=utf-8'
    const response = await doFetch(url, {
      method,
      headers,
      body: hasBody ? JSON.stringify(opts.data) : undefined,
      signal: AbortSignal.timeout(opts.timeout || timeoutMs),
    })
    const body = await readBody(response)
    if (!response.ok) throw new FeishuHttpError(response.status, response.headers, body)
    if (opts.$return_headers) return { data: body, headers: Object.fromEntries(response.headers) } as R
    return body as R
  }

  const withoutBody =
    (method: string) =>
    <R>(url: string, opts?: HttpRequestOptions<unknown>) =>
      request<R>({ ...opts, url, method })
  const withBody =
    (method: string) =>
    <R>(url: string, data?: unknown, opts?: HttpRequestOptions<unknown>) =>
      request<R>({ ...opts, url, method, data })

  return {
    request,
    get: withoutBody('GET'),
    delete: withoutBody('DELETE'),
    head: withoutBody('HEAD'),
    options: withoutBody('OPTIONS'),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
  } as HttpInstance
}
