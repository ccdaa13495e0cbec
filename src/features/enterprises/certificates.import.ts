// Importing certificates: one row per certificate of an enterprise already loaded, matched on the enterprise and
// the certificate number (or, without a number, its name). Validity dates feed the eligibility checks.
import { type CellError, dateCell, dateText, type ImportKind } from '../../import/kind.ts'
import { HONOUR_KINDS, HONOUR_LABELS, honourLabel } from './honour-kinds.ts'
import { CREDIT_CODE, creditCodeCell, required } from './import-cells.ts'

interface CertificateRow {
  creditCode: string
  kind: string
  title: string
  number: string | null
  issuedAt: Date | null
  expiresAt: Date | null
}

const H = { kind: '证书类别', title: '证书名称', number: '证书编号', issued: '发证日期', expires: '有效期至' }
const KIND_BY_LABEL: Record<string, string> = {
  ...Object.fromEntries(HONOUR_KINDS.map((k) => [HONOUR_LABELS[k], k])),
  其他: 'other',
}
const kindLabel = (kind: string) => (kind === 'other' ? '其他' : honourLabel(kind))

export const certificatesImport: ImportKind<CertificateRow> = {
  kind: 'certificates',
  label: '证书',
  columns: [
    { header: CREDIT_CODE, required: true, example: '91330304MA2DEMX01A', note: '须为已导入的企业' },
    { header: H.kind, required: true, example: '品字标“浙江制造”认证', note: Object.keys(KIND_BY_LABEL).join('、') },
    { header: H.title, required: true, example: '品字标“浙江制造”认证证书（演示）' },
    { header: H.number, example: 'ZZ-DEMO-0001' },
    { header: H.issued, example: '2025-03-01', note: '年-月-日' },
    { header: H.expires, example: '2028-02-28', note: '年-月-日' },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const creditCode = creditCodeCell(cells[CREDIT_CODE], errors)
    const kindText = required(H.kind, cells[H.kind], errors)
    const kind = KIND_BY_LABEL[kindText] ?? (kindText in HONOUR_LABELS ? kindText : '')
    if (kindText && !kind) errors.push({ column: H.kind, reason: `应为 ${Object.keys(KIND_BY_LABEL).join('、')} 之一` })
    const title = required(H.title, cells[H.title], errors, 200)
    const issuedAt = dateCell(cells[H.issued])
    const expiresAt = dateCell(cells[H.expires])
    if (issuedAt === null) errors.push({ column: H.issued, reason: '日期格式应为 年-月-日' })
    if (expiresAt === null) errors.push({ column: H.expires, reason: '日期格式应为 年-月-日' })
    if (issuedAt && expiresAt && expiresAt < issuedAt)
      errors.push({ column: H.expires, reason: '有效期不能早于发证日期' })
    if (errors.length) return { ok: false, errors }
    const number = cells[H.number]?.trim() || null
    const record = { creditCode, kind, title, number, issuedAt: issuedAt ?? null, expiresAt: expiresAt ?? null }
    return { ok: true, record, key: `${creditCode}:${number ?? title}` }
  },
  async plan(db, r) {
    const enterprise = await db.enterprise.findUnique({ where: { creditCode: r.creditCode } })
    if (!enterprise) return { action: 'error', error: { column: CREDIT_CODE, reason: '未找到该企业，请先导入企业' } }
    const existing = await db.certificate.findFirst({
      where: { enterpriseId: enterprise.id, ...(r.number ? { number: r.number } : { title: r.title }) },
    })
    const view = (c: {
      kind: string
      title: string
      number: string | null
      issuedAt: Date | null
      expiresAt: Date | null
    }) => ({
      kind: c.kind,
      title: c.title,
      number: c.number,
      issuedAt: dateText(c.issuedAt),
      expiresAt: dateText(c.expiresAt),
    })
    const after = view(r)
    const label = `${enterprise.name}：${r.title}`
    if (!existing) return { action: 'create', subject: `enterprise:${enterprise.id}`, label, after }
    const before = view(existing)
    const same = JSON.stringify(before) === JSON.stringify(after)
    return { action: same ? 'unchanged' : 'update', subject: `certificate:${existing.id}`, label, before, after }
  },
  async apply(db, r) {
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { creditCode: r.creditCode } })
    const existing = await db.certificate.findFirst({
      where: { enterpriseId: enterprise.id, ...(r.number ? { number: r.number } : { title: r.title }) },
    })
    const data = { kind: r.kind, title: r.title, number: r.number, issuedAt: r.issuedAt, expiresAt: r.expiresAt }
    if (existing) await db.certificate.update({ where: { id: existing.id }, data })
    else await db.certificate.create({ data: { enterpriseId: enterprise.id, ...data } })
  },
  async exportRows(db) {
    const rows = await db.certificate.findMany({ include: { enterprise: true }, orderBy: { id: 'asc' } })
    return rows.map((c) => ({
      [CREDIT_CODE]: c.enterprise.creditCode,
      [H.kind]: kindLabel(c.kind),
      [H.title]: c.title,
      [H.number]: c.number ?? '',
      [H.issued]: dateText(c.issuedAt),
      [H.expires]: dateText(c.expiresAt),
    }))
  },
}
