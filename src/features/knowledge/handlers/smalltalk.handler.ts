// Greetings, thanks and goodbyes: a short, warm reply in the tone of a service counter.
import { type MessageHandler, text } from '../../../bot/handler.ts'

const REPLIES: { match: RegExp; reply: string }[] = [
  { match: /谢|感谢|辛苦/, reply: '不客气！能帮到您很高兴。还有其他质量方面的问题，随时问我。' },
  { match: /再见|拜拜|bye|晚安/i, reply: '再见，祝您工作顺利、生意兴隆！' },
  { match: /^(好的?|好滴|收到|明白了?|知道了|ok|okay|嗯+|哦)/i, reply: '好的。如还有问题，请随时告诉我。' },
]

export const GREETING =
  '您好！我是瓯海区市场监管局“质量强企”服务助手，可以为您解读《瓯海区质量强企千百行动方案》中的政策，也可以帮您提交一站式服务申请。请问有什么可以帮您？'

export const smalltalkHandler: MessageHandler = {
  intent: 'smalltalk',
  async handle({ event }) {
    const said = event.text.trim()
    const reply = REPLIES.find((r) => r.match.test(said))?.reply ?? GREETING
    return { intent: 'smalltalk', replies: [text(reply)] }
  },
}
