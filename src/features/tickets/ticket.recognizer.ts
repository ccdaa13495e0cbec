// Recognizes asking for a service ("我要申请上门计量校准", "帮我约检测", "申请费用减免") and asking about one's tickets
// ("我的工单进度", "我的待办"). Opening a request needs a request: a statement or a question that only names the
// service ("一站式服务平台都能办哪些事") is left to the knowledge classifier to answer.

import type { IntentRecognizer } from '../../bot/handler.ts'
import { detectCategory } from './categories.ts'

const MINE = /我的(工单|待办|申请)|工单(进度|状态|查询)|查(询|看)?(一下)?(我的)?工单|我负责的工单|待审批|全部工单/
// 报名 alone is also a noun ("报名截止到几号", "在哪里报名"): only "报个名" or a message that starts with it asks.
const REQUEST = /(我(们)?(要|想|需要|希望|申请)|帮(我|忙)|麻烦|请(你|帮|安排)|预约|约一?下?|报个名|^报名)/
const SERVICE =
  /申请|预约|约|上门|安排|办理|服务|减免|推荐|校准|检测|检定|培训|辅导|联系|对接|派人|指导|起草|报名|代办|办下来|申报|纳入|加进|加入|牵线|报上去/
const QUESTION =
  /(吗|么|呢|嘛|伐|不|没|啥|怎么|如何|哪些|什么|多少|多久|几天|多长时间|能否|是否|条件)[啊呀哦吧]?[？?]?$|会不会|是不是|啥时候|要啥|准备啥|咋|[？?]|哪些|哪几|是什么|什么是|怎么(办|申请|弄|收费|报名|参加|预约|申报)|如何|能办|都能|可以办|了解|知道|问问|问一下|需要(准备)?什么|什么(材料|条件|资料|手续|流程)|想问|请问|有没有.{0,12}(机构|单位|地方|部门|人|政策|渠道)/
/**
 * A request however politely it is put, even as a question: someone sent to the asker's own premises
 * ("能派个师傅来我们厂一趟吗"), something arranged for them, or a request in English.
 */
const PLAIN_REQUEST =
  /((能|可以|可不可以|能不能|麻烦|请)(帮我们?|给我们|派|安排)|来我们(厂|公司|单位)|给我们安排|帮我(们)?(报名|报个名|预约|安排|申请|对接)|帮我们?把.{1,12}(办|弄|搞)(下来|好|一下)|(请|麻烦)把(我们|我司|我厂|我们公司|我们厂))|\b(please|pls|plz)\b.*\b(arrange|book|schedule|send|apply|request)\b|\b(i|we)\s*(want|need|would like|'d like)\s*to\s*(book|apply|request|schedule|arrange)\b|\bcan\s+(someone|you|anyone)\s+(come|send|visit)\b|\b(book|request|schedule|arrange)\s+(a|an)\b/i
/**
 * "品牌服务机构能帮我们搞价值评估不", "质量管家能来我们厂帮忙吗": asking what someone the plan names can do, not
 * asking for it; the answer offers the request.
 */
const ASKS_WHAT_THEY_DO =
  /(机构|中心|平台|专家|管家|特派员|园丁|部门|单位|服务团|联盟|计量院|先锋队|他们|这种人|方案里?|政策)(能|可以|会|能不能|可不可以|会不会)(帮|来|给|为|上门|到)/
/** "能帮我汇总一下吗", "能不能帮我简单概括下": a favour from the bot itself (summing up the plan), not a service. */
const EXPLAIN_FAVOUR =
  /(帮我们?|给我们?|替我们?)(简单)?(汇总|概括|总结|梳理|整理|捋|解释|讲讲|讲一下|介绍|列|说说|说一下|理一理|理一下)/
/** "能不能安排个人过来给我们讲讲": someone sent to teach is a service. */
const SENDS_SOMEONE = /派|安排|过来|来给|来我们|上门/
/** "有没有机构可以帮我们…": asking whether there is such help, not asking for it. */
const ASKS_WHETHER = /^(我们?)?(想问|请问|问一下)?.{0,4}(有没有|是否有|有无|有哪些|哪里有)/
const ENGLISH_SERVICE = /service|visit|calibrat|testing|inspection|training|consult|help|certif|expert/i
/** Just the name of the service, as a menu entry or button would say it. */
const BARE_SERVICE = /^(一站式服务|申请服务|一站式服务申请|服务申请)[。！!]?$/

export const ticketRecognizer: IntentRecognizer = {
  name: 'ticket',
  recognize(text) {
    const t = text.trim()
    if (MINE.test(t)) return { intent: 'ticket_mine', confidence: 0.95 }
    // A message that ends asking something else only reports a visit ("上次所里的同志来我们厂…，质量管家能做什么"),
    // and "有没有…能帮我们" asks whether such help exists.
    const last =
      t
        .split(/[，,。；;！!]/)
        .filter((c) => c.trim())
        .at(-1) ?? t
    const endsAsking = QUESTION.test(last) && (!PLAIN_REQUEST.test(last) || ASKS_WHAT_THEY_DO.test(t))
    const plain =
      PLAIN_REQUEST.test(t) &&
      !(EXPLAIN_FAVOUR.test(last) && !SENDS_SOMEONE.test(last)) &&
      !endsAsking &&
      !ASKS_WHETHER.test(last) &&
      (SERVICE.test(t) || ENGLISH_SERVICE.test(t) || /派|来/.test(t))
    const asks = /^(申请|预约)/.test(t) || BARE_SERVICE.test(t) || (REQUEST.test(t) && SERVICE.test(t))
    // "你们有没有培训的", "方案里有没有政府出钱帮我们这种小企业的": asking whether such help exists.
    const whether =
      ASKS_WHETHER.test(last) || /有没有|有无|是否有/.test(last) || (endsAsking && ASKS_WHAT_THEY_DO.test(t))
    if (!plain && (!asks || QUESTION.test(t) || whether)) return null
    const category = detectCategory(t)
    return { intent: 'ticket', confidence: 0.9, data: category ? { category: category.code } : {} }
  },
}
