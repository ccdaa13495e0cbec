// The platforms a person may sign in to the console with: each one whose app is configured (the same app the bot
// runs as, so the account id is the one the staff directory links). Platform specifics stay in src/platforms.
import type { CoreDeps } from '../deps.ts'
import { dingtalkOAuth } from '../platforms/dingtalk/oauth.ts'
import { feishuOAuth } from '../platforms/feishu/oauth.ts'

export interface SignInProvider {
  /** The platform id, as in Identity.platform. */
  id: string
  label: string
  authorizeUrl(redirectUri: string, state: string): string
  codeOf(query: Record<string, string>): string | undefined
  identify(code: string, redirectUri: string): Promise<{ userId: string; name: string }>
}

export function signInProviders(deps: CoreDeps): SignInProvider[] {
  const { feishu, dingtalk, console: options } = deps.config
  const providers: SignInProvider[] = []
  if (feishu) {
    const oauth = feishuOAuth({
      appId: feishu.appId,
      appSecret: feishu.appSecret,
      baseUrl: feishu.baseUrl,
      accountsUrl: options.feishuAccountsUrl,
    })
    providers.push({ id: 'feishu', label: '飞书', ...oauth })
  }
  if (dingtalk) {
    const oauth = dingtalkOAuth({
      clientId: dingtalk.clientId,
      clientSecret: dingtalk.clientSecret,
      apiBaseUrl: dingtalk.apiBaseUrl,
      loginUrl: options.dingtalkLoginUrl,
      oapiUrl: options.dingtalkOapiUrl,
    })
    providers.push({ id: 'dingtalk', label: '钉钉', ...oauth })
  }
  return providers
}
