// Importing 监督抽查 results (抽查结果), one row per enterprise, product and batch as the bureau's result lists give
// them. Each result is recorded (the enterprise profile lists them; re-importing changes nothing), and the
// 不合格 enterprises of each batch become one alert draft (spot-checks.draft.ts) that staff confirm — never sent here.
import { type CellError, dateCell, dateText, type ImportKind } from '../../../import/kind.ts'
import { CREDIT_CODE, creditCodeCell, oneOf, required } from '../../enterprises/import-cells.ts'
import { draftsForBatches } from './spot-checks.draft.ts'

export interface SpotCheckRow {
  name: string
  creditCode: string
  product: string
  conclusion: '合格' | '不合格'
  failedItems: string
  checkedAt: Date
  batch: string
}

export const H = {
  name: '企业名称',
  product: '产品名称',
  conclusion: '抽查结论',
  items: '不合格项目',
  date: '抽查日期',
  batch: '抽查批次',
} as const
const CONCLUSIONS = ['合格', '不合格'] as const

const view = (r: { conclusion: string; failedItems: string; checkedAt: Date }) => ({
  conclusion: r.conclusion,
  failedItems: r.failedItems,
  checkedAt: dateText(r.checkedAt),
})

const keyOf = (r: { creditCode: string; product: string; batch: string }) => ({
  creditCode_product_batch: { creditCode: r.creditCode, product: r.product, batch: r.batch },
})

export const spotChecksImport: ImportKind<SpotCheckRow> = {
  kind: 'spot-checks',
  label: '抽查结果',
  columns: [
    { header: H.name, required: true, example: '瓯海示例鞋业有限公司（演示）' },
    { header: CREDIT_CODE, required: true, example: '91330304MA2DEMX01A', note: '须为企业目录中已有的企业' },
    { header: H.product, required: true, example: '童鞋（演示）' },
    { header: H.conclusion, required: true, example: '不合格', note: '合格 或 不合格' },
    { header: H.items, example: '耐折性能（演示）', note: '结论为不合格时必填，多项用顿号分隔，按抽查结果原文填写' },
    { header: H.date, required: true, example: '2026-11-20', note: '年-月-日' },
    {
      header: H.batch,
      required: true,
      example: '2026年第4批区级产品质量监督抽查（演示）',
      note: '抽查批次或来源；同一批次的不合格企业合并为一条预警草稿',
    },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const name = required(H.name, cells[H.name], errors)
    const creditCode = creditCodeCell(cells[CREDIT_CODE], errors)
    const product = required(H.product, cells[H.product], errors)
    const conclusion = oneOf(H.conclusion, cells[H.conclusion], CONCLUSIONS, errors)
    if (!conclusion && !(cells[H.conclusion] ?? '').trim()) errors.push({ column: H.conclusion, reason: '不能为空' })
    const failedItems = (cells[H.items] ?? '').trim()
    if (conclusion === '不合格' && !failedItems)
      errors.push({ column: H.items, reason: '结论为不合格时请填写不合格项目' })
    if (failedItems.length > 300) errors.push({ column: H.items, reason: '不能超过300个字' })
    const checkedAt = dateCell(cells[H.date])
    if (checkedAt === undefined) errors.push({ column: H.date, reason: '不能为空' })
    if (checkedAt === null) errors.push({ column: H.date, reason: '日期格式应为 年-月-日' })
    const batch = required(H.batch, cells[H.batch], errors)
    if (errors.length || !conclusion || !checkedAt) return { ok: false, errors }
    const record = {
      name,
      creditCode,
      product,
      conclusion,
      failedItems: conclusion === '合格' ? '' : failedItems,
      checkedAt,
      batch,
    }
    return { ok: true, record, key: `${creditCode}:${product}:${batch}` }
  },
  async plan(db, r) {
    const enterprise = await db.enterprise.findUnique({ where: { creditCode: r.creditCode } })
    if (!enterprise) return { action: 'error', error: { column: CREDIT_CODE, reason: '目录中没有该企业' } }
    const label = `${enterprise.name}：${r.product}（${r.batch}）${r.conclusion}`
    const existing = await db.spotCheckResult.findUnique({ where: keyOf(r) })
    const after = { product: r.product, batch: r.batch, ...view(r) }
    if (!existing) return { action: 'create', subject: `enterprise:${enterprise.id}`, label, after }
    const before = { product: existing.product, batch: existing.batch, ...view(existing) }
    const same = JSON.stringify(before) === JSON.stringify(after)
    return { action: same ? 'unchanged' : 'update', subject: `spot-check:${existing.id}`, label, before, after }
  },
  async apply(db, r) {
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { creditCode: r.creditCode } })
    const data = { conclusion: r.conclusion, failedItems: r.failedItems, checkedAt: r.checkedAt }
    await db.spotCheckResult.upsert({
      where: keyOf(r),
      create: { enterpriseId: enterprise.id, creditCode: r.creditCode, product: r.product, batch: r.batch, ...data },
      update: data,
    })
  },
  finish: draftsForBatches,
  async exportRows(db) {
    const rows = await db.spotCheckResult.findMany({ orderBy: { id: 'asc' } })
    const names = new Map(
      (
        await db.enterprise.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.enterpriseId))] } },
          select: { id: true, name: true },
        })
      ).map((e) => [e.id, e.name]),
    )
    return rows.map((r) => ({
      [H.name]: names.get(r.enterpriseId) ?? '',
      [CREDIT_CODE]: r.creditCode,
      [H.product]: r.product,
      [H.conclusion]: r.conclusion,
      [H.items]: r.failedItems,
      [H.date]: dateText(r.checkedAt),
      [H.batch]: r.batch,
    }))
  },
}
