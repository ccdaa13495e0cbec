// Importing the standards table: one row per standard, matched on its code.
import { type CellError, dateCell, dateText, type ImportKind } from '../../import/kind.ts'
import { INDUSTRIES } from '../enterprises/honour-kinds.ts'
import { oneOf, required } from '../enterprises/import-cells.ts'
import { saveStandard } from './standards.repo.ts'
import { STANDARD_KINDS, STANDARD_STATUSES } from './standards.schema.ts'

interface StandardRow {
  code: string
  name: string
  industry: string
  kind: string
  status: string
  leadEnterprise: string | null
  publishedAt: Date | null
}

const H = {
  code: '标准编号',
  name: '标准名称',
  industry: '行业',
  kind: '类别',
  status: '状态',
  lead: '牵头企业',
  published: '发布日期',
}

const view = (s: Omit<StandardRow, 'publishedAt'> & { publishedAt: Date | null }) => ({
  name: s.name,
  industry: s.industry,
  kind: s.kind,
  status: s.status,
  leadEnterprise: s.leadEnterprise,
  publishedAt: dateText(s.publishedAt),
})

export const standardsImport: ImportKind<StandardRow> = {
  kind: 'standards',
  label: '标准',
  columns: [
    { header: H.code, required: true, example: 'T/ZZB 0000-2026（演示）' },
    { header: H.name, required: true, example: '示例产品（演示）' },
    { header: H.industry, required: true, example: '鞋服', note: INDUSTRIES.join('、') },
    { header: H.kind, required: true, example: '浙江制造', note: STANDARD_KINDS.join('、') },
    { header: H.status, required: true, example: '研制中', note: STANDARD_STATUSES.join('、') },
    { header: H.lead, example: '示例鞋业有限公司（演示）' },
    { header: H.published, example: '', note: '年-月-日' },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const code = required(H.code, cells[H.code], errors, 64)
    const name = required(H.name, cells[H.name], errors, 200)
    const industry = oneOf(H.industry, cells[H.industry], INDUSTRIES, errors)
    const kind = oneOf(H.kind, cells[H.kind], STANDARD_KINDS, errors)
    const status = oneOf(H.status, cells[H.status], STANDARD_STATUSES, errors)
    for (const [h, v] of [
      [H.industry, industry],
      [H.kind, kind],
      [H.status, status],
    ] as const) {
      if (!cells[h]?.trim()) errors.push({ column: h, reason: '不能为空' })
      else if (!v && !errors.some((e) => e.column === h)) errors.push({ column: h, reason: '取值不正确' })
    }
    const publishedAt = dateCell(cells[H.published])
    if (publishedAt === null) errors.push({ column: H.published, reason: '日期格式应为 年-月-日' })
    if (errors.length) return { ok: false, errors }
    const record = {
      code,
      name,
      industry: industry!,
      kind: kind!,
      status: status!,
      leadEnterprise: cells[H.lead]?.trim() || null,
      publishedAt: publishedAt ?? null,
    }
    return { ok: true, record, key: code }
  },
  async plan(db, r) {
    const existing = await db.standard.findUnique({ where: { code: r.code } })
    const after = view(r)
    if (!existing) return { action: 'create', subject: `standard:${r.code}`, label: `${r.code} ${r.name}`, after }
    const before = view(existing)
    const same = JSON.stringify(before) === JSON.stringify(after)
    return {
      action: same ? 'unchanged' : 'update',
      subject: `standard:${r.code}`,
      label: `${r.code} ${r.name}`,
      before,
      after,
    }
  },
  async apply(db, r) {
    await saveStandard(db, {
      code: r.code,
      name: r.name,
      industry: r.industry as (typeof INDUSTRIES)[number],
      kind: r.kind as (typeof STANDARD_KINDS)[number],
      status: r.status as (typeof STANDARD_STATUSES)[number],
      leadEnterprise: r.leadEnterprise ?? undefined,
      publishedAt: r.publishedAt ?? undefined,
    })
  },
  async exportRows(db) {
    const rows = await db.standard.findMany({ orderBy: { code: 'asc' } })
    return rows.map((s) => {
      const v = view(s)
      return {
        [H.code]: s.code,
        [H.name]: v.name,
        [H.industry]: v.industry,
        [H.kind]: v.kind,
        [H.status]: v.status,
        [H.lead]: v.leadEnterprise ?? '',
        [H.published]: v.publishedAt,
      }
    })
  },
}
