// The staff side of the targets: what stands where, recording a figure, and the monthly card on demand. Only
// active staff (resolved from the verified sender) may use them; anyone else is told so and nothing is recorded.
import { z } from 'zod'
import { type MessageContext, type MessageHandler, text } from '../../../bot/handler.ts'
import { resolveStaff } from '../../staff/staff.repo.ts'
import { shanghaiMonth } from '../../tickets/time.ts'
import { renderMonthlyCard } from '../monthly.card.ts'
import { monthlyData } from '../monthly.service.ts'
import { allProgress, percent } from '../progress.ts'
import { recordProgress } from '../record-progress.ts'
import { PLAN_TARGETS } from '../targets.config.ts'

const STAFF_ONLY = '该功能仅供工作人员使用。如需了解方案目标，可直接提问，例如“方案的主要目标是什么”。'

async function staffOnly(ctx: MessageContext, intent: string) {
  const staff = await resolveStaff(ctx.deps.db, ctx.event.sender)
  return { staff, refused: staff ? null : { intent, replies: [text(STAFF_ONLY)] } }
}

export const targetsListHandler: MessageHandler = {
  intent: 'targets.list',
  async handle(ctx) {
    const { refused } = await staffOnly(ctx, 'targets.list')
    if (refused) return refused
    const lines = (await allProgress(ctx.deps.db)).map((p, i) => {
      const how = p.target.source.kind === 'recorded' ? '登记' : '企业档案自动统计'
      return `${i + 1}. ${p.target.label}：${p.value}/${p.target.goal}${p.target.unit}（${percent(p.ratio)}%，${how}）`
    })
    return {
      intent: 'targets.list',
      replies: [
        text(
          `方案主要目标进展：\n${lines.join('\n')}\n\n` +
            '需登记的目标，请发送“登记目标进展 序号 数值 说明”，例如“登记目标进展 2 3 已走访三家企业”。',
        ),
      ],
    }
  },
}

const recordSchema = z.object({ target: z.string(), value: z.string(), note: z.string() })

export const targetsRecordHandler: MessageHandler = {
  intent: 'targets.record',
  async handle(ctx) {
    const reply = (value: string) => ({ intent: 'targets.record', replies: [text(value)] })
    const { staff, refused } = await staffOnly(ctx, 'targets.record')
    if (refused || !staff) return refused!
    const input = recordSchema.parse(ctx.intent.data)
    const outcome = await recordProgress(ctx.deps.db, { staffId: staff.id, ...input, at: ctx.deps.clock.now() })
    if (!outcome.ok) {
      if (outcome.reason === 'unknown')
        return reply(`没有序号或名称为“${input.target}”的目标，请发送“目标进展”查看序号（1–${PLAN_TARGETS.length}）。`)
      if (outcome.reason === 'derived')
        return reply(`“${outcome.target?.label}”按企业档案自动统计，无需登记；请在企业档案中维护相关荣誉、证书或标准。`)
      return reply('数值须为不小于 0 的整数，例如“登记目标进展 2 3”。')
    }
    const { target, value } = outcome
    return reply(
      `已登记：${target.label} ${value}/${target.goal}${target.unit}（${percent(value / target.goal)}%）。` +
        `方案原文：${target.wording}。`,
    )
  },
}

export const targetsMonthlyHandler: MessageHandler = {
  intent: 'targets.monthly',
  async handle(ctx) {
    const { refused } = await staffOnly(ctx, 'targets.monthly')
    if (refused) return refused
    const now = ctx.deps.clock.now()
    const data = await monthlyData(ctx.deps.db, now, shanghaiMonth(now), { snapshot: false })
    const card = renderMonthlyCard(data, { charts: ctx.deps.capabilities(ctx.event.platform).charts })
    return { intent: 'targets.monthly', replies: [{ kind: 'card', card }] }
  },
}
