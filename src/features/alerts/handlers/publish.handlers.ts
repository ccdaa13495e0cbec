// "发布预警": staff only. Where cards hold forms the form card asks everything at once (alert.submit); elsewhere
// the publish flow asks one question at a time (publish.flow.ts). Either way the publisher sees the preview next.
import type { CardActionHandler, HandlerResult, MessageHandler } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { alertFormCard } from '../alert.card-defs.ts'
import { ALERT_LEVELS, ALERT_SOURCES } from '../alert.schema.ts'
import { readDraft } from '../draft-input.ts'
import { draftAlert } from '../publish.ts'

const options = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }))

export const STAFF_ONLY: HandlerResult = {
  intent: 'alert_refused',
  replies: [text('发布预警仅限市场监管局工作人员使用。如需了解与贵企业相关的预警，请发送“最近有什么预警”。')],
}

export const LEVEL_MENU = ALERT_LEVELS.map((l, i) => `${i + 1}. ${l}`).join('\n')
export const SOURCE_MENU = ALERT_SOURCES.map((s, i) => `${i + 1}. ${s}`).join('\n')

export const alertPublishHandler: MessageHandler = {
  intent: 'alert_publish',
  async handle({ deps, event, conversation }) {
    const staff = await resolveStaff(deps.db, event.sender)
    if (!staff) return STAFF_ONLY
    if (deps.capabilities(event.platform).forms) {
      const card = alertFormCard({ levelOptions: options(ALERT_LEVELS), sourceOptions: options(ALERT_SOURCES) })
      return { intent: 'alert_publish', replies: [{ kind: 'card', card }] }
    }
    await conversation.start('alert_publish', 'title', {})
    return {
      intent: 'alert_publish',
      replies: [
        text(
          '好的，开始发布质量风险预警。请输入预警标题（4～60 字）。\n（发送“取消”可随时退出，确认前不会发出任何消息）',
        ),
      ],
    }
  },
}

/** The Feishu form's 预览覆盖范围. */
export const alertSubmitAction: CardActionHandler = {
  action: 'alert.submit',
  async handle({ deps, event }) {
    const warn = (message: string): HandlerResult => ({
      intent: 'alert_refused',
      cardResponse: { toast: { type: 'warning', text: message } },
    })
    const staff = await resolveStaff(deps.db, event.operator)
    if (!staff)
      return { intent: 'alert_refused', cardResponse: { toast: { type: 'error', text: '发布预警仅限工作人员。' } } }
    const f = event.form
    const draft = readDraft(
      {
        title: f.title,
        level: f.level,
        source: f.source,
        industries: f.industries,
        products: f.products,
        towns: f.towns,
        creditCodes: f.credit_codes,
        action: f.action,
        due: f.due,
      },
      deps.clock.now(),
    )
    if (!draft.ok) return warn(draft.message)
    const preview = await draftAlert(deps, staff, draft.draft, event.platform)
    if (!preview.ok) return warn(preview.message)
    return {
      intent: 'alert_preview',
      cardResponse: { toast: { type: 'info', text: '请核对覆盖范围后确认发布。' } },
      replies: [{ kind: 'card', card: preview.card }],
    }
  },
}
