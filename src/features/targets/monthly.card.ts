// The monthly 月调度 card: every target with its progress, the progress over the months (a chart where the
// platform draws one, text bars elsewhere), last month's tickets, SLA and satisfaction, and check-in completion.
import { z } from 'zod'
import monthlyTemplate from '../../../cards/targets-monthly.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import type { KindCompletion } from '../duty/checkin.rates.ts'
import { BASIS_LABELS, percent, type TargetProgress } from './progress.ts'
import type { TicketMonth } from './ticket-month.ts'

export const progressChartSchema = z.object({
  title: z.string(),
  labels: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
})
export type ProgressChart = z.infer<typeof progressChartSchema>

export const monthlyCard = defineCard(
  'targets-monthly',
  monthlyTemplate,
  z.object({
    month: z.string(),
    asOf: z.string(),
    targets: z.array(
      z.object({
        index: z.number(),
        label: z.string(),
        value: z.number(),
        goal: z.number(),
        unit: z.string(),
        percent: z.number(),
        basis: z.string(),
      }),
    ),
    chart: progressChartSchema.nullable(),
    bars: z.string(),
    tickets: z.array(z.object({ label: z.string(), value: z.string() })),
    categories: z.array(z.object({ line: z.string() })),
    checkins: z.array(z.object({ line: z.string() })),
  }),
)

export interface MonthlyData {
  /** 2026-11: the month reported on. */
  month: string
  asOf: string
  progress: TargetProgress[]
  /** Percent of goal per target per month (snapshots, oldest first), the current month last. */
  history: { month: string; values: Record<string, number> }[]
  tickets: TicketMonth
  checkins: KindCompletion[]
}

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`
const share = (part: number, whole: number) =>
  whole ? `${part}/${whole}（${Math.round((part / whole) * 100)}%）` : '—'

export function progressChart(data: MonthlyData): ProgressChart {
  return {
    title: '目标完成进度（%）',
    labels: data.history.map((h) => monthLabel(h.month)),
    series: data.progress.map((p, i) => ({
      name: `${i + 1} ${p.target.label}`,
      values: data.history.map((h) => h.values[p.target.code] ?? 0),
    })),
  }
}

const BAR_CELLS = 10
/** Where no chart can be drawn: a bar per target, and its course over the months in figures. */
export function textBars(data: MonthlyData): string {
  const chart = progressChart(data)
  return chart.series
    .map((s) => {
      const now = s.values.at(-1) ?? 0
      const filled = Math.min(BAR_CELLS, Math.round((now / 100) * BAR_CELLS))
      const course = chart.labels.map((l, i) => `${l} ${s.values[i]}%`).join(' → ')
      return `${s.name}\n${'▇'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${now}%（${course}）`
    })
    .join('\n')
}

export function renderMonthlyCard(data: MonthlyData, options: { charts: boolean }) {
  const t = data.tickets
  const score =
    t.satisfaction.average === null ? '暂无评价' : `${t.satisfaction.average} 分（${t.satisfaction.count} 条评价）`
  return monthlyCard({
    month: `${data.month.slice(0, 4)}年${Number(data.month.slice(5, 7))}月`,
    asOf: data.asOf,
    targets: data.progress.map((p, i) => ({
      index: i + 1,
      label: p.target.label,
      value: p.value,
      goal: p.target.goal,
      unit: p.target.unit,
      percent: percent(p.ratio),
      basis: BASIS_LABELS[p.basis],
    })),
    chart: options.charts ? progressChart(data) : null,
    bars: options.charts ? '' : textBars(data),
    tickets: [
      { label: '新受理', value: `${t.opened} 件` },
      { label: '已办结', value: `${t.resolved} 件` },
      { label: '按时办结', value: share(t.kept, t.timed) },
      { label: '满意度', value: score },
    ],
    categories: t.categories.map((c) => ({
      line:
        `${c.label}：受理 ${c.opened} 件，办结 ${c.resolved} 件，按时 ${c.timed ? `${c.kept}/${c.timed}` : '—'}，` +
        `满意度 ${c.satisfaction === null ? '暂无评价' : `${c.satisfaction} 分`}`,
    })),
    checkins: data.checkins.map((k) => ({
      line: k.total
        ? `${k.label}：应反馈 ${k.total} 次，已反馈 ${k.done + k.problem} 次（${Math.round((k.rate ?? 0) * 100)}%），其中有问题 ${k.problem} 次`
        : `${k.label}：该月无应反馈的检查`,
    })),
  })
}
