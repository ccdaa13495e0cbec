// Importing enterprises: one row per enterprise, matched on the credit code. Only the columns here are written
// (honours and certificates are kept; certificates have their own import).
import type { DbOrTx } from '../../db/client.ts'
import { type CellError, type ImportKind, listCell } from '../../import/kind.ts'
import { DUTY_CLASSES, type DutyClass, ENTERPRISE_SIZES, INDUSTRIES } from './honour-kinds.ts'
import { CREDIT_CODE, creditCodeCell, oneOf, required } from './import-cells.ts'

interface EnterpriseRow {
  name: string
  creditCode: string
  industry: string
  size: string | null
  town: string | null
  dutyClasses: DutyClass[]
  products: string[]
}

const H = { name: '企业名称', industry: '行业', size: '规模', town: '所属街道', duty: '监管类别', products: '重点产品' }

const fieldsOf = (row: {
  name: string
  industry: string
  size: string | null
  town: string | null
  dutyClasses: string
  products: string
}) => ({
  name: row.name,
  industry: row.industry,
  size: row.size,
  town: row.town,
  dutyClasses: JSON.parse(row.dutyClasses) as string[],
  products: JSON.parse(row.products) as string[],
})

export const enterprisesImport: ImportKind<EnterpriseRow> = {
  kind: 'enterprises',
  label: '企业',
  columns: [
    { header: H.name, required: true, example: '示例鞋业有限公司（演示）' },
    { header: CREDIT_CODE, required: true, example: '91330304MA2DEMX01A', note: '18位，自动校验校验位' },
    { header: H.industry, required: true, example: '鞋服', note: INDUSTRIES.join('、') },
    { header: H.size, example: '中型', note: ENTERPRISE_SIZES.join('、') },
    { header: H.town, example: '娄桥街道' },
    { header: H.duty, example: '强制性认证', note: `${DUTY_CLASSES.join('、')}，多个用顿号分隔` },
    { header: H.products, example: '皮鞋、童鞋', note: '多个用顿号分隔' },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const name = required(H.name, cells[H.name], errors)
    if (name && name.length < 2) errors.push({ column: H.name, reason: '至少2个字' })
    const creditCode = creditCodeCell(cells[CREDIT_CODE], errors)
    const industry = oneOf(H.industry, cells[H.industry], INDUSTRIES, errors)
    if (!cells[H.industry]?.trim()) errors.push({ column: H.industry, reason: '不能为空' })
    const size = oneOf(H.size, cells[H.size], ENTERPRISE_SIZES, errors) ?? null
    const duty = listCell(cells[H.duty])
    const unknownDuty = duty.filter((d) => !(DUTY_CLASSES as readonly string[]).includes(d))
    if (unknownDuty.length)
      errors.push({ column: H.duty, reason: `“${unknownDuty.join('、')}”不是 ${DUTY_CLASSES.join('、')} 之一` })
    const products = listCell(cells[H.products])
    if (products.some((p) => p.length > 50)) errors.push({ column: H.products, reason: '每个产品名不能超过50个字' })
    if (errors.length) return { ok: false, errors }
    const record = {
      name,
      creditCode,
      industry: industry!,
      size,
      town: cells[H.town]?.trim() || null,
      dutyClasses: duty as DutyClass[],
      products,
    }
    return { ok: true, record, key: creditCode }
  },
  async plan(db, record) {
    const existing = await db.enterprise.findUnique({ where: { creditCode: record.creditCode } })
    const { creditCode, ...after } = record
    const subject = existing ? `enterprise:${existing.id}` : `enterprise:${creditCode}`
    if (!existing) return { action: 'create', subject, label: record.name, after: record }
    const before = fieldsOf(existing)
    const same = JSON.stringify(before) === JSON.stringify(after)
    return { action: same ? 'unchanged' : 'update', subject, label: record.name, before, after }
  },
  async apply(db: DbOrTx, record) {
    const fields = {
      name: record.name,
      industry: record.industry,
      size: record.size,
      town: record.town,
      dutyClasses: JSON.stringify(record.dutyClasses),
      products: JSON.stringify(record.products),
    }
    await db.enterprise.upsert({
      where: { creditCode: record.creditCode },
      create: { creditCode: record.creditCode, ...fields },
      update: fields,
    })
  },
  async exportRows(db) {
    const rows = await db.enterprise.findMany({ orderBy: { id: 'asc' } })
    return rows.map((r) => {
      const f = fieldsOf(r)
      return {
        [H.name]: f.name,
        [CREDIT_CODE]: r.creditCode,
        [H.industry]: f.industry,
        [H.size]: f.size ?? '',
        [H.town]: f.town ?? '',
        [H.duty]: f.dutyClasses.join('、'),
        [H.products]: f.products.join('、'),
      }
    })
  },
}
