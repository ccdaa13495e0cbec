// The shapes of the targets API (targets.admin.ts): zod schemas, which also write its OpenAPI document, and the
// functions that fill them from the targets' overview and the monthly report's data.
import { z } from '@hono/zod-openapi'
import { type MonthlyData, progressChart } from './monthly.card.ts'
import { percent } from './progress.ts'
import type { TargetOverview } from './targets.overview.ts'

export const targetItem = z
  .object({
    index: z.number().int().openapi({ example: 2 }),
    code: z.string().openapi({ example: 'gov_quality_award' }),
    section: z.string().openapi({ example: '二、(一)' }),
    label: z.string(),
    wording: z.string().openapi({ description: '方案原文' }),
    goal: z.number().int(),
    unit: z.string(),
    value: z.number().int(),
    percent: z.number().int(),
    source: z.enum(['derived', 'recorded']).openapi({ description: 'derived 企业档案自动统计；recorded 工作人员登记' }),
    basis: z.enum(['records', 'recorded', 'none']),
    latest: z
      .object({
        value: z.number().int(),
        note: z.string().nullable(),
        recordedAt: z.string().openapi({ format: 'date-time' }),
        recordedBy: z.string().nullable(),
      })
      .nullable(),
    history: z.array(z.object({ month: z.string(), value: z.number().int(), percent: z.number().int() })),
  })
  .openapi('Target')

export const toItem = (t: TargetOverview) => ({
  ...t,
  latest: t.latest && { ...t.latest, recordedAt: t.latest.recordedAt.toISOString() },
})

const count = z.number().int()
// What the monthly card shows of the month's tickets: per category, and satisfaction overall and per category
// (not per staff member: the report goes to everyone who asks for it).
const monthTickets = z
  .object({
    opened: count,
    resolved: count,
    kept: count.openapi({ description: '按时办结（有时限的办结工单中）' }),
    timed: count,
    satisfaction: z.object({
      count,
      average: z.number().nullable(),
      byCategory: z.array(z.object({ key: z.string(), label: z.string(), count, average: z.number() })),
    }),
    categories: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        opened: count,
        resolved: count,
        kept: count,
        timed: count,
        satisfaction: z.number().nullable(),
      }),
    ),
  })
  .openapi('MonthTickets')

export const monthlyReport = z
  .object({
    month: z.string(),
    asOf: z.string(),
    targets: z.array(
      z.object({
        index: z.number().int(),
        code: z.string(),
        label: z.string(),
        value: z.number().int(),
        goal: z.number().int(),
        unit: z.string(),
        percent: z.number().int(),
        basis: z.string(),
      }),
    ),
    history: z.array(z.object({ month: z.string(), values: z.record(z.string(), z.number()) })),
    chart: z.object({
      title: z.string(),
      labels: z.array(z.string()),
      series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
    }),
    tickets: monthTickets,
    checkins: z.array(
      z.object({
        kind: z.string(),
        label: z.string(),
        total: z.number().int(),
        done: z.number().int(),
        problem: z.number().int(),
        open: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
  })
  .openapi('MonthlyReport')

/** The report's data as the API answers it. */
export function toMonthlyReport(data: MonthlyData): z.infer<typeof monthlyReport> {
  const t = data.tickets
  return {
    month: data.month,
    asOf: data.asOf,
    targets: data.progress.map((p, i) => ({
      index: i + 1,
      code: p.target.code,
      label: p.target.label,
      value: p.value,
      goal: p.target.goal,
      unit: p.target.unit,
      percent: percent(p.ratio),
      basis: p.basis,
    })),
    history: data.history,
    chart: progressChart(data),
    tickets: {
      opened: t.opened,
      resolved: t.resolved,
      kept: t.kept,
      timed: t.timed,
      satisfaction: {
        count: t.satisfaction.count,
        average: t.satisfaction.average,
        byCategory: t.satisfaction.byCategory.map(({ key, label, count, average }) => ({
          key,
          label,
          count,
          average,
        })),
      },
      categories: t.categories,
    },
    checkins: data.checkins,
  }
}
