// The progress chart as an image, for a platform that can send images but not draw a card chart: an SVG line chart
// that the outbox renders to PNG where the runtime has a renderer (src/bot/images.ts). Text in it is ASCII only
// (months as 2026-11, targets by their number, which the card's list names), so it needs no CJK font on the server.
import { z } from 'zod'
import type { ImagePart, ImageSource } from '../../bot/images.ts'
import { type MonthlyData, type ProgressChart, progressChart, progressChartSchema } from './monthly.card.ts'

const W = 720
const H = 360
const PAD = { left: 48, right: 110, top: 24, bottom: 40 }
const COLORS = ['#3370ff', '#34c724', '#ff7d00', '#f54a45', '#7f3bf5', '#00b3a1', '#8f959e', '#c23d8a']

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** The chart as SVG: x the months, y percent of goal (0–100, higher values drawn at the top edge). */
export function progressSvg(chart: ProgressChart, months: string[]): string {
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (i: number) => PAD.left + (months.length > 1 ? (i / (months.length - 1)) * plotW : plotW / 2)
  const y = (v: number) => PAD.top + plotH - (Math.min(100, Math.max(0, v)) / 100) * plotH
  const grid = [0, 25, 50, 75, 100].map(
    (v) =>
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e6eb"/>` +
      `<text x="${PAD.left - 6}" y="${y(v) + 4}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#646a73">${v}%</text>`,
  )
  const ticks = months.map(
    (m, i) =>
      `<text x="${x(i)}" y="${H - 16}" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#646a73">${escapeXml(m)}</text>`,
  )
  const lines = chart.series.map((s, n) => {
    const color = COLORS[n % COLORS.length]
    const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')
    const dots = s.values.map((v, i) => `<circle cx="${x(i)}" cy="${y(v)}" r="3" fill="${color}"/>`).join('')
    const legendY = PAD.top + 14 + n * 18
    // The series are named "3 “品字标”认证": the number the card's list gives the target.
    const label = /^\d+/.exec(s.name)?.[0] ?? String(n + 1)
    return (
      `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2"/>${dots}` +
      `<rect x="${W - PAD.right + 16}" y="${legendY - 9}" width="10" height="10" fill="${color}"/>` +
      `<text x="${W - PAD.right + 32}" y="${legendY}" font-family="sans-serif" font-size="12" fill="#1f2329">${label}</text>`
    )
  })
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="#ffffff"/>${grid.join('')}${ticks.join('')}${lines.join('')}</svg>`
  )
}

const progressImageSchema = z.object({
  chart: progressChartSchema,
  months: z.array(z.string().regex(/^\d{4}-\d{2}$/)),
})
export type ProgressImage = z.infer<typeof progressImageSchema>

const PROGRESS_IMAGE = 'targets.progress'

/** The image source the monthly card's chart image names. */
export const progressImage: ImageSource = {
  name: PROGRESS_IMAGE,
  svg(data) {
    const { chart, months } = progressImageSchema.parse(data)
    return progressSvg(chart, months)
  },
}

/** Whether this runtime can draw the chart image (Workers cannot: no PNG renderer there). */
export const canDrawProgress = (images: { canRender(source: string): boolean }) => images.canRender(PROGRESS_IMAGE)

/** The chart image that follows the monthly card where the platform sends images but draws no chart. */
export function progressImagePart(data: MonthlyData): ImagePart {
  const image: ProgressImage = { chart: progressChart(data), months: data.history.map((h) => h.month) }
  return { source: PROGRESS_IMAGE, data: image, alt: `目标完成进度走势图（${data.month}）` }
}
