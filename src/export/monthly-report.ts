// The monthly report as a formatted workbook: the month's tickets by category (opened, resolved, first response
// and resolution within the SLA), the satisfaction scores by category and by 质量管家, then the sheets features add
// (Feature.reportSheets: the plan's targets, the month's alerts and receipts). Figures come from the database only.
import ExcelJS from 'exceljs'
import type { DbOrTx } from '../db/client.ts'
import { categoryLabel } from '../features/tickets/categories.ts'
import { monthRange, type SatisfactionSummary, satisfactionSummary } from '../features/tickets/satisfaction.ts'
import type { SheetData } from './report-sheet.ts'

export interface CategoryRow {
  category: string
  label: string
  opened: number
  resolved: number
  firstResponseOnTime: number
  resolvedOnTime: number
  stillOpen: number
}

export interface MonthlyReport {
  month: string
  categories: CategoryRow[]
  totals: Omit<CategoryRow, 'category' | 'label'>
  satisfaction: SatisfactionSummary
}

const onTime = (done: Date | null, due: Date | null) => Boolean(done && due && done <= due)

export async function monthlyReport(db: DbOrTx, month: string): Promise<MonthlyReport> {
  const { from, to } = monthRange(month)
  const tickets = await db.ticket.findMany({ where: { createdAt: { gte: from, lt: to } } })
  const rows = new Map<string, CategoryRow>()
  for (const t of tickets) {
    const row = rows.get(t.category) ?? {
      category: t.category,
      label: categoryLabel(t.category),
      opened: 0,
      resolved: 0,
      firstResponseOnTime: 0,
      resolvedOnTime: 0,
      stillOpen: 0,
    }
    row.opened++
    if (t.resolvedAt) row.resolved++
    else if (t.status !== 'closed') row.stillOpen++
    if (onTime(t.firstRespondedAt, t.firstResponseDue)) row.firstResponseOnTime++
    if (onTime(t.resolvedAt, t.resolutionDue)) row.resolvedOnTime++
    rows.set(t.category, row)
  }
  const categories = [...rows.values()].sort((a, b) => b.opened - a.opened || a.category.localeCompare(b.category))
  const sum = (key: keyof Omit<CategoryRow, 'category' | 'label'>) => categories.reduce((n, r) => n + r[key], 0)
  return {
    month,
    categories,
    totals: {
      opened: sum('opened'),
      resolved: sum('resolved'),
      firstResponseOnTime: sum('firstResponseOnTime'),
      resolvedOnTime: sum('resolvedOnTime'),
      stillOpen: sum('stillOpen'),
    },
    satisfaction: await satisfactionSummary(db, month),
  }
}

const rate = (part: number, whole: number) => (whole ? part / whole : null)
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE1EAFF' } } as const

function title(sheet: ExcelJS.Worksheet, text: string, width: number) {
  sheet.addRow([text])
  sheet.mergeCells(1, 1, 1, width)
  sheet.getRow(1).font = { bold: true, size: 14 }
  sheet.getRow(1).height = 24
}

function header(sheet: ExcelJS.Worksheet, labels: string[]) {
  const row = sheet.addRow(labels)
  row.font = { bold: true }
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL
    cell.border = { bottom: { style: 'thin' } }
  })
}

export async function monthlyReportWorkbook(
  report: MonthlyReport,
  extra: readonly { name: string; data: SheetData }[] = [],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '质量强企服务助手'
  const tickets = workbook.addWorksheet('工单')
  const labels = ['事项类别', '受理', '已办结', '未办结', '按时首次响应', '首次响应及时率', '按时办结', '办结及时率']
  title(tickets, `${report.month} 一站式服务工单月报`, labels.length)
  header(tickets, labels)
  const line = (label: string, r: Omit<CategoryRow, 'category' | 'label'>) =>
    tickets.addRow([
      label,
      r.opened,
      r.resolved,
      r.stillOpen,
      r.firstResponseOnTime,
      rate(r.firstResponseOnTime, r.opened),
      r.resolvedOnTime,
      rate(r.resolvedOnTime, r.resolved),
    ])
  for (const r of report.categories) line(r.label, r)
  line('合计', report.totals).font = { bold: true }
  tickets.getColumn(6).numFmt = '0.0%'
  tickets.getColumn(8).numFmt = '0.0%'
  tickets.columns.forEach((c, i) => {
    c.width = i === 0 ? 18 : 14
  })
  if (!report.categories.length) tickets.addRow(['本月没有受理工单。'])

  const satisfaction = workbook.addWorksheet('满意度')
  title(satisfaction, `${report.month} 企业满意度评价`, 3)
  header(satisfaction, ['分组', '评价数', '平均分（5分制）'])
  const s = report.satisfaction
  satisfaction.addRow(['全部', s.count, s.average]).font = { bold: true }
  for (const g of s.byCategory) satisfaction.addRow([`事项：${g.label}`, g.count, g.average])
  for (const g of s.byStaff) satisfaction.addRow([`质量管家：${g.label}`, g.count, g.average])
  satisfaction.getColumn(3).numFmt = '0.00'
  satisfaction.getColumn(1).width = 28
  satisfaction.getColumn(2).width = 10
  satisfaction.getColumn(3).width = 18
  for (const { name, data } of extra) featureSheet(workbook.addWorksheet(name), data)
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

function featureSheet(sheet: ExcelJS.Worksheet, data: SheetData) {
  title(sheet, data.title, data.header.length)
  header(sheet, data.header)
  for (const row of data.rows) sheet.addRow(row)
  if (!data.rows.length) sheet.addRow([data.empty])
  for (const column of data.percentColumns ?? []) sheet.getColumn(column + 1).numFmt = '0.0%'
  sheet.columns.forEach((c, i) => {
    const long = data.rows.some((r) => String(r[i] ?? '').length > 16)
    c.width = long ? 40 : Math.max(10, [...(data.header[i] ?? '')].length * 2 + 4)
  })
}

/** YYYY-MM, a real month. */
export const isMonth = (value: string | undefined): value is string =>
  Boolean(value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value))
