// Feishu web sign-in for the staff console (OAuth 2.0 authorization code; docs/protocols.md §Feishu web sign-in):
// the person authorises on Feishu's accounts page, comes back with a one-time `code`, which the server exchanges at
// /open-apis/authen/v2/oauth/token for a user_access_token, then asks /open-apis/authen/v1/user_info who it is. The
// open_id is the same one the bot sees for that person (same app), so it maps to the staff directory's Identity.
import { z } from 'zod'

export interface FeishuOAuthOptions {
  appId: string
  appSecret: string
  /** open.feishu.cn (API) */
  baseUrl: string
  /** accounts.feishu.cn (the authorize page) */
  accountsUrl: string
  fetch?: typeof fetch
}

export interface SignedInUser {
  userId: string
  name: string
}

const tokenAnswer = z.object({
  code: z.number(),
  access_token: z.string().optional(),
  error_description: z.string().optional(),
})
const userAnswer = z.object({
  code: z.number(),
  msg: z.string().optional(),
  data: z.object({ open_id: z.string().min(1), name: z.string().default('') }).optional(),
})

export function feishuOAuth(options: FeishuOAuthOptions) {
  const doFetch = options.fetch ?? fetch
  return {
    authorizeUrl(redirectUri: string, state: string): string {
      const query = new URLSearchParams({
        client_id: options.appId,
        redirect_uri: redirectUri,
        response_type: 'code',
        state,
      })
      return `${options.accountsUrl}/open-apis/authen/v1/authorize?${query}`
    },
    /** The code from the callback's query (`code`). */
    codeOf: (query: Record<string, string>) => query.code,
    async identify(code: string, redirectUri: string): Promise<SignedInUser> {
      const res = await doFetch(`${options.baseUrl}/open-apis/authen/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          grant_type: 'authorization_code',
          client_id: options.appId,
          client_secret: options.appSecret,
          code,
          redirect_uri: redirectUri,
        }),
      })
      const token = tokenAnswer.safeParse(await res.json().catch(() => ({})))
      if (!token.success || token.data.code !== 0 || !token.data.access_token) {
        throw new Error(`feishu oauth token refused (HTTP ${res.status}, code ${token.data?.code ?? '?'})`)
      }
      const me = await doFetch(`${options.baseUrl}/open-apis/authen/v1/user_info`, {
        headers: { authorization: `Bearer ${token.data.access_token}` },
      })
      const user = userAnswer.safeParse(await me.json().catch(() => ({})))
      if (!user.success || user.data.code !== 0 || !user.data.data) {
        throw new Error(`feishu user_info refused (HTTP ${me.status})`)
      }
      return { userId: user.data.data.open_id, name: user.data.data.name }
    },
  }
}
