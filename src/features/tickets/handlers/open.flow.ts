// The step-by-step application (DingTalk, console): category → description → phone → preferred time → submit.
// Each answer is checked before the next question; nothing is stored as a ticket until the last answer. Each step
// declares what it expects (FlowStep), so the core answers a question asked in between and keeps the application
// open (src/bot/digression.ts); 取消 and 继续 are the core's too.
import { looksLikeQuestion } from '../../../bot/digression.ts'
import type { FlowHandler, FlowStep, HandlerResult } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { categoryMenu, parseCategoryAnswer } from '../categories.ts'
import { findPhone, looksLikePhoneAttempt } from '../phone.ts'
import { openTicket } from '../ticket.open.ts'
import { CATEGORY_PROMPT, DESCRIPTION_PROMPT } from './open.handlers.ts'

const SKIP = /^(无|没有|都行|随时|不限|跳过)$/
const reply = (message: string): HandlerResult => ({ intent: 'ticket_open', replies: [text(message)] })

const PHONE_PROMPT = '请留下联系电话（手机号或带区号的固定电话），方便质量管家与您联系。'
const TIME_PROMPT = '您希望什么时间接受服务？例如“下周二上午”；没有要求请回复“无”。'

const STEPS: Record<string, FlowStep> = {
  category: {
    input: 'choice',
    // A category named inside a question ("质量贷是什么？") is a question, not the choice.
    accepts: (answer) => Boolean(parseCategoryAnswer(answer)) && !looksLikeQuestion(answer),
    prompt: CATEGORY_PROMPT,
    retry: `抱歉，没有识别出服务类别。${CATEGORY_PROMPT}`,
  },
  description: { input: 'text', prompt: DESCRIPTION_PROMPT },
  phone: {
    input: 'phone',
    accepts: looksLikePhoneAttempt,
    prompt: PHONE_PROMPT,
    retry: '还需要您的联系电话：请回复手机号或带区号的固定电话，方便质量管家与您联系。',
  },
  time: { input: 'text', prompt: TIME_PROMPT },
}

export const ticketOpenFlow: FlowHandler = {
  flow: 'ticket_open',
  label: '服务申请',
  restart: '我要申请服务',
  // "我们需要上门校准压力表" as a description names a service: it is the answer, not a new application.
  intents: ['ticket'],
  step: (state) => STEPS[state.step] ?? null,
  async handle({ deps, event, conversation }) {
    const state = await conversation.current()
    if (!state) return reply('本次办理已结束，如需申请服务请重新发送“我要申请服务”。')
    const answer = event.text.trim()
    switch (state.step) {
      case 'category': {
        const category = parseCategoryAnswer(answer)
        if (!category) return reply(`抱歉，没有识别出服务类别，请回复序号：\n${categoryMenu()}`)
        await conversation.update('description', { category: category.code })
        return reply(`已选择“${category.label}”。${DESCRIPTION_PROMPT}`)
      }
      case 'description': {
        if (answer.length < 4) return reply(`描述稍短了些，${DESCRIPTION_PROMPT}`)
        await conversation.update('phone', { description: answer.slice(0, 1000) })
        return reply(PHONE_PROMPT)
      }
      case 'phone': {
        const phone = findPhone(answer)
        if (!phone.ok)
          return reply('电话号码格式不正确，请输入 11 位手机号，或带区号的固定电话（区号与号码之间可加“-”）。')
        await conversation.update('time', { phone: phone.phone })
        return reply(TIME_PROMPT)
      }
      case 'time': {
        const data = state.data as { category: string; description: string; phone: string }
        await conversation.end()
        const opened = await openTicket(deps, {
          actor: event.sender,
          chat: event.chat,
          category: data.category,
          description: data.description,
          phone: data.phone,
          preferredTime: SKIP.test(answer) ? null : answer.slice(0, 100),
        })
        return { intent: 'ticket_opened', replies: [{ kind: 'card', card: opened.confirmation }] }
      }
      default:
        await conversation.end()
        return reply('本次办理已结束，如需申请服务请重新发送“我要申请服务”。')
    }
  },
}
