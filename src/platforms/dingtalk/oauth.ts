// DingTalk web sign-in for the staff console (OAuth 2.0; docs/protocols.md §DingTalk web sign-in): the person
// authorises at login.dingtalk.com/oauth2/auth and comes back with `authCode`; the server exchanges it at
// /v1.0/oauth2/userAccessToken, asks /v1.0/contact/users/me for the unionId, and maps the unionId to the userId the
// bot knows (the robot's senderStaffId, the staff directory's Identity) with the app's own token at
// oapi.dingtalk.com/topapi/user/getbyunionid.
import { z } from 'zod'
import { createDingtalkApi } from './api.ts'

export interface DingtalkOAuthOptions {
  clientId: string
  clientSecret: string
  /** api.dingtalk.com */
  apiBaseUrl: string
  /** login.dingtalk.com (the authorize page) */
  loginUrl: string
  /** oapi.dingtalk.com (unionId → userId) */
  oapiUrl: string
  fetch?: typeof fetch
}

const tokenAnswer = z.object({ accessToken: z.string().min(1) })
const meAnswer = z.object({ unionId: z.string().min(1), nick: z.string().default('') })
const userIdAnswer = z.object({ errcode: z.number(), result: z.object({ userid: z.string().min(1) }).optional() })

export function dingtalkOAuth(options: DingtalkOAuthOptions) {
  const doFetch = options.fetch ?? fetch
  const app = createDingtalkApi({
    baseUrl: options.apiBaseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: doFetch,
  })
  const readJson = (res: Response) => res.json().catch(() => ({}))
  return {
    authorizeUrl(redirectUri: string, state: string): string {
      const query = new URLSearchParams({
        redirect_uri: redirectUri,
        response_type: 'code',
        client_id: options.clientId,
        scope: 'openid',
        state,
        prompt: 'consent',
      })
      return `${options.loginUrl}/oauth2/auth?${query}`
    },
    codeOf: (query: Record<string, string>) => query.authCode ?? query.code,
    async identify(code: string) {
      const res = await doFetch(`${options.apiBaseUrl}/v1.0/oauth2/userAccessToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          code,
          grantType: 'authorization_code',
        }),
      })
      const token = tokenAnswer.safeParse(await readJson(res))
      if (!res.ok || !token.success) throw new Error(`dingtalk userAccessToken refused (HTTP ${res.status})`)
      const meRes = await doFetch(`${options.apiBaseUrl}/v1.0/contact/users/me`, {
        headers: { 'x-acs-dingtalk-access-token': token.data.accessToken },
      })
      const me = meAnswer.safeParse(await readJson(meRes))
      if (!meRes.ok || !me.success) throw new Error(`dingtalk users/me refused (HTTP ${meRes.status})`)
      const appToken = await app.accessToken()
      const idRes = await doFetch(
        `${options.oapiUrl}/topapi/user/getbyunionid?access_token=${encodeURIComponent(appToken)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ unionid: me.data.unionId }),
        },
      )
      const id = userIdAnswer.safeParse(await readJson(idRes))
      if (!id.success || id.data.errcode !== 0 || !id.data.result) {
        throw new Error(`dingtalk getbyunionid refused (HTTP ${idRes.status})`)
      }
      return { userId: id.data.result.userid, name: me.data.nick }
    },
  }
}
