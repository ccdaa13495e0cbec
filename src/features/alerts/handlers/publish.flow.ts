// "发布预警" where cards hold no form: one question at a time, each answer checked before the next; the last
// answer produces the preview card (nothing is sent before 确认发布).
import type { FlowHandler, FlowStep, HandlerResult } from '../../../bot/handler.ts'
import { text } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { levelOf, parseAudienceText, parseCreditCodes, parseDeadline, sourceOf, splitList } from '../alert.schema.ts'
import { readDraft } from '../draft-input.ts'
import { draftAlert } from '../publish.ts'
import { LEVEL_MENU, SOURCE_MENU, STAFF_ONLY } from './publish.handlers.ts'

const ask = (value: string): HandlerResult => ({ intent: 'alert_publish', replies: [text(value)] })

const AUDIENCE_PROMPT =
  '请填写预警范围，可组合填写（不同项需同时满足，同一项内多个值满足任一即可）：\n行业：鞋服、眼镜\n产品：皮鞋、童鞋\n镇街：娄桥街道\n企业：统一社会信用代码（可填多个，另行加入）\n例如“行业：鞋服 产品：童鞋”。'

/** What each step expects, so a question or command typed mid-way is answered while the draft waits. */
const STEPS: Record<string, FlowStep> = {
  title: { input: 'text', prompt: '请输入预警标题（4～60 字）。' },
  level: {
    input: 'choice',
    accepts: (t) => Boolean(levelOf(t.trim())),
    prompt: `请选择预警等级（回复序号）：\n${LEVEL_MENU}`,
    retry: `请回复 1、2 或 3：\n${LEVEL_MENU}`,
  },
  source: {
    input: 'choice',
    accepts: (t) => Boolean(sourceOf(t.trim())),
    prompt: `请选择信息来源（回复序号）：\n${SOURCE_MENU}`,
    retry: `请回复来源的序号：\n${SOURCE_MENU}`,
  },
  audience: { input: 'text', prompt: AUDIENCE_PROMPT },
  action: { input: 'text', prompt: '请填写企业应采取的措施（如自查、停售、召回配合等）。' },
  due: { input: 'text', prompt: '请填写回执截止日期，如 2026-12-10，或“3天”。' },
}

export const alertPublishFlow: FlowHandler = {
  flow: 'alert_publish',
  label: '预警发布',
  step: (state) => STEPS[state.step] ?? null,
  intents: ['alert_publish'],
  restart: '发布预警',
  async handle({ deps, event, conversation }) {
    const state = await conversation.current()
    if (!state) return ask('发布已超时结束，请重新发送“发布预警”。')
    if (!(await resolveStaff(deps.db, event.sender))) {
      await conversation.end()
      return STAFF_ONLY
    }
    const answer = event.text.trim()
    const now = deps.clock.now()
    switch (state.step) {
      case 'title':
        if (answer.length < 4 || answer.length > 60) return ask('预警标题需为 4～60 字，请重新输入。')
        await conversation.update('level', { title: answer })
        return ask(`请选择预警等级（回复序号）：\n${LEVEL_MENU}`)
      case 'level':
        if (!levelOf(answer)) return ask(`请回复 1、2 或 3：\n${LEVEL_MENU}`)
        await conversation.update('source', { level: levelOf(answer) })
        return ask(`请选择信息来源（回复序号）：\n${SOURCE_MENU}`)
      case 'source':
        if (!sourceOf(answer)) return ask(`请回复来源的序号：\n${SOURCE_MENU}`)
        await conversation.update('audience', { source: sourceOf(answer) })
        return ask(AUDIENCE_PROMPT)
      case 'audience': {
        const parts = parseAudienceText(answer)
        const codes = parseCreditCodes(parts.creditCodes)
        if (!codes.ok) return ask(`以下统一社会信用代码有误，请核对后重新填写范围：${codes.bad.join('、')}`)
        const any =
          [parts.industries, parts.products, parts.towns].some((p) => splitList(p).length) || codes.codes.length
        if (!any) return ask(`没有读出范围。${AUDIENCE_PROMPT}`)
        await conversation.update('action', parts)
        return ask('请填写企业应采取的措施（如自查、停售、召回配合等）。')
      }
      case 'action':
        if (answer.length < 4) return ask('请填写企业应采取的措施（至少 4 个字）。')
        await conversation.update('due', { action: answer })
        return ask('请填写回执截止日期，如 2026-12-10，或“3天”。')
      case 'due': {
        if (!parseDeadline(answer, now)) return ask('回执截止日期需为今天以后的日期，如 2026-12-10，或填写“3天”。')
        const data = { ...state.data, due: answer } as Record<string, string>
        const draft = readDraft(data, now)
        await conversation.end()
        if (!draft.ok) return ask(`${draft.message}请重新发送“发布预警”。`)
        const staff = (await resolveStaff(deps.db, event.sender))!
        const preview = await draftAlert(deps, staff, draft.draft, event.platform)
        if (!preview.ok) return ask(preview.message)
        return { intent: 'alert_preview', replies: [{ kind: 'card', card: preview.card }] }
      }
      default:
        await conversation.end()
        return ask('发布已结束，请重新发送“发布预警”。')
    }
  },
}
