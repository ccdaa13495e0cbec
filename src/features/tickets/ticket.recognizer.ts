// Recognizes asking for a service ("我要申请上门计量校准", "帮我约检测", "申请费用减免") and asking about one's tickets
// ("我的工单进度", "我的待办"). Opening a request needs a request: a statement or a question that only names the
// service ("一站式服务平台都能办哪些事") is left to the knowledge classifier to answer.

import type { IntentRecognizer } from '../../bot/handler.ts'
import { detectCategory } from './categories.ts'

const MINE = /我的(工单|待办|申请)|工单(进度|状态|查询)|查(询|看)?(一下)?(我的)?工单|我负责的工单|待审批|全部工单/
const REQUEST = /(我(们)?(要|想|需要|希望)|帮(我|忙)|麻烦|请(你|帮)|预约|约一?下?)/
const SERVICE = /申请|预约|约|上门|安排|办理|服务|减免|推荐|校准|检测|检定|培训|辅导/
const QUESTION =
  /(吗|么|呢|怎么|如何|哪些|什么|多少|能否|是否|条件)[？?]?$|[？?]|哪些|哪几|是什么|什么是|怎么(办|申请|弄|收费)|如何|能办|都能|可以办|了解|知道|问问|问一下|需要(准备)?什么|什么(材料|条件|资料|手续|流程)/
/** Just the name of the service, as a menu entry or button would say it. */
const BARE_SERVICE = /^(一站式服务|申请服务|一站式服务申请|服务申请)[。！!]?$/

export const ticketRecognizer: IntentRecognizer = {
  name: 'ticket',
  recognize(text) {
    const t = text.trim()
    if (MINE.test(t)) return { intent: 'ticket_mine', confidence: 0.95 }
    const asks = /^(申请|预约)/.test(t) || BARE_SERVICE.test(t) || (REQUEST.test(t) && SERVICE.test(t))
    if (!asks || QUESTION.test(t)) return null
    const category = detectCategory(t)
    return { intent: 'ticket', confidence: 0.9, data: category ? { category: category.code } : {} }
  },
}
