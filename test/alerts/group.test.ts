// "登记企业群 <信用代码>": staff register a group chat as an enterprise's, in the group; others are refused. The
// registered group then carries that enterprise's alerts instead of its contacts' private chats.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { runEventNow } from '../../src/bot/pipeline.ts'
import type { MessageEvent } from '../../src/bot/types.ts'
import { resolveAudience } from '../../src/features/alerts/audience.ts'
import { withServer } from '../helpers/server.ts'
import { bind, creditCode, STAFF, seedEnterprises, seedStaff } from './fixtures.ts'

const server = withServer()

const say = (userId: string, text: string, chatType: 'group' | 'p2p' = 'group'): MessageEvent => ({
  kind: 'message',
  eventId: randomUUID(),
  platform: 'console',
  chat: { platform: 'console', chatId: chatType === 'group' ? 'grp-jia' : `p2p-${userId}`, chatType },
  sender: { platform: 'console', userId },
  text,
  receivedAt: new Date(),
  reply: {},
})

describe('enterprise groups', () => {
  it('is registered by staff in the group, and then carries the enterprise’s alerts', async () => {
    const { deps } = server
    await seedStaff(deps)
    const ids = await seedEnterprises(deps)
    await bind(deps, 'console', 'a1', ids.a)
    const text = async (event: MessageEvent) => {
      const result = await runEventNow(deps, event)
      return result?.replies?.map((r) => (r.kind === 'text' ? r.text : '')).join('\n') ?? ''
    }
    expect(await text(say('a1', `登记企业群 ${creditCode(1)}`))).toContain('仅限市场监管局工作人员')
    expect(await text(say(STAFF.butler, `登记企业群 ${creditCode(1)}`, 'p2p'))).toContain('请在企业所在的群聊中')
    expect(await text(say(STAFF.butler, '登记企业群 123'))).toContain('统一社会信用代码')
    expect(await deps.db.enterpriseGroup.count()).toBe(0)
    expect(await text(say(STAFF.butler, `登记企业群 ${creditCode(1)}`))).toContain('甲童鞋有限公司')
    expect(await text(say(STAFF.butler, `登记企业群 ${creditCode(1)}`))).toContain('已将本群登记')
    expect(await deps.db.enterpriseGroup.count()).toBe(1)

    const audience = await resolveAudience(deps, {
      industries: ['鞋服'],
      products: ['童鞋'],
      towns: [],
      creditCodes: [],
    })
    expect(audience.groups.map((g) => g.address.chatId)).toEqual(['grp-jia'])
    expect(audience.contacts.map((c) => c.address.userId)).not.toContain('a1')
  })
})
