// Bad input and visibility on the console: a contact sees only their enterprise's tickets; unknown, forged and
// unauthorised clicks are answered with a toast and change nothing.
import { describe, expect, it } from 'vitest'
import { handleCardAction } from '../../src/bot/card-action.ts'
import { withServer } from '../helpers/server.ts'
import { bindContact, clickAs, seedPeople, simulator } from './fixtures.ts'

const server = withServer()

describe('ticket security', () => {
  it('keeps other enterprises out and answers unknown or forged buttons without changing anything', async () => {
    const { deps } = server
    const enterprise = await seedPeople(deps)
    await bindContact(deps, 'console', 'ent-contact', enterprise.id)
    const other = await deps.db.enterprise.create({
      data: { name: '另一家示例企业（演示）', creditCode: '91330304MA2TEST02X', industry: '锁具', town: '梧田街道' },
    })
    await bindContact(deps, 'console', 'other-contact', other.id)
    const say = simulator(server.url)
    await say('ent-contact', '帮我约检测')
    await say('ent-contact', '鞋底耐磨性能检测')
    await say('ent-contact', '0577-88886666')
    const opened = await say('ent-contact', '下周二上午')
    const number = /QS-\d{4}-\d{6}/.exec(opened.text)![0]
    expect((await say('other-contact', '我的工单进度')).text).not.toContain(number)
    expect((await say('ent-contact', '我的工单进度')).text).toContain(number)

    const ticket = await deps.db.ticket.findFirstOrThrow({ where: { number } })
    const forged = await handleCardAction(
      deps,
      clickAs(
        'other-contact',
        { id: 'crd_unknown', version: 1, chatId: 'p2p-other-contact' },
        'ticket.accept',
        { t: ticket.id, tv: ticket.version },
        new Date(),
      ),
    )
    expect(forged.toast?.text).toContain('失效')
    const noCard = await handleCardAction(deps, {
      ...clickAs(
        'other-contact',
        { id: 'x', version: 1, chatId: 'p2p-other-contact' },
        'ticket.accept',
        { t: 99999, tv: 1 },
        new Date(),
      ),
      cardId: undefined,
      cardVersion: undefined,
    })
    expect(noCard.toast?.text).toContain('未找到')
    const stranger = await handleCardAction(deps, {
      ...clickAs(
        'other-contact',
        { id: 'x', version: 1, chatId: 'p2p-other-contact' },
        'ticket.accept',
        { t: ticket.id, tv: ticket.version },
        new Date(),
      ),
      cardId: undefined,
      cardVersion: undefined,
    })
    expect(stranger.toast).toMatchObject({ type: 'error' })
    expect((await deps.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).version).toBe(ticket.version)
  })
})
