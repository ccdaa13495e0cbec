// Importing enterprise contacts: the person's chat account, bound to their enterprise (staff vouch for the list;
// contacts who bind themselves in chat go through the guided dialogue instead), and their duty role.
import type { CellError, ImportKind } from '../../import/kind.ts'
import { DUTY_ROLES } from './honour-kinds.ts'
import { CREDIT_CODE, creditCodeCell, oneOf, PLATFORM_NAMES, platformLabel, required } from './import-cells.ts'

interface ContactRow {
  creditCode: string
  name: string
  platform: string
  userId: string
  phone: string | null
  dutyRole: string | null
}

const H = { name: '姓名', platform: '平台', account: '账号', phone: '手机', role: '职务' }

export const contactsImport: ImportKind<ContactRow> = {
  kind: 'contacts',
  label: '企业联系人',
  columns: [
    { header: CREDIT_CODE, required: true, example: '91330304MA2DEMX01A', note: '须为已导入的企业' },
    { header: H.name, required: true, example: '张经理（演示）' },
    { header: H.platform, required: true, example: '飞书', note: Object.keys(PLATFORM_NAMES).join('、') },
    { header: H.account, required: true, example: 'ou_demo_contact', note: '飞书 open_id 或钉钉 userId' },
    { header: H.phone, example: '' },
    { header: H.role, example: '质量安全总监', note: DUTY_ROLES.join('、') },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const creditCode = creditCodeCell(cells[CREDIT_CODE], errors)
    const name = required(H.name, cells[H.name], errors, 64)
    const platformText = required(H.platform, cells[H.platform], errors)
    const platform =
      PLATFORM_NAMES[platformText] ?? (Object.values(PLATFORM_NAMES).includes(platformText) ? platformText : '')
    if (platformText && !platform)
      errors.push({ column: H.platform, reason: `应为 ${Object.keys(PLATFORM_NAMES).join('、')} 之一` })
    const userId = required(H.account, cells[H.account], errors, 64)
    const phone = cells[H.phone]?.replace(/[\s-]/g, '') || null
    if (phone && !/^\+?\d{7,15}$/.test(phone)) errors.push({ column: H.phone, reason: '不是有效的电话号码' })
    const dutyRole = oneOf(H.role, cells[H.role], DUTY_ROLES, errors) ?? null
    if (errors.length) return { ok: false, errors }
    return { ok: true, key: `${platform}:${userId}`, record: { creditCode, name, platform, userId, phone, dutyRole } }
  },
  async plan(db, r) {
    const enterprise = await db.enterprise.findUnique({ where: { creditCode: r.creditCode } })
    if (!enterprise) return { action: 'error', error: { column: CREDIT_CODE, reason: '未找到该企业，请先导入企业' } }
    const existing = await db.contact.findUnique({
      where: { platform_userId: { platform: r.platform, userId: r.userId } },
    })
    const after = { name: r.name, phone: r.phone, dutyRole: r.dutyRole, enterpriseId: enterprise.id }
    const label = `${r.name}（${enterprise.name}）`
    if (!existing) return { action: 'create', subject: `contact:${r.platform}:${r.userId}`, label, after }
    const before = {
      name: existing.name,
      phone: existing.phone,
      dutyRole: existing.dutyRole,
      enterpriseId: existing.enterpriseId,
    }
    const same = JSON.stringify(before) === JSON.stringify(after)
    return { action: same ? 'unchanged' : 'update', subject: `contact:${existing.id}`, label, before, after }
  },
  async apply(db, r) {
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { creditCode: r.creditCode } })
    const existing = await db.contact.findUnique({
      where: { platform_userId: { platform: r.platform, userId: r.userId } },
    })
    const boundAt = existing?.enterpriseId === enterprise.id && existing.boundAt ? existing.boundAt : new Date()
    const data = { name: r.name, phone: r.phone, dutyRole: r.dutyRole, enterpriseId: enterprise.id, boundAt }
    await db.contact.upsert({
      where: { platform_userId: { platform: r.platform, userId: r.userId } },
      create: { platform: r.platform, userId: r.userId, ...data },
      update: data,
    })
  },
  async exportRows(db) {
    const rows = await db.contact.findMany({
      where: { enterpriseId: { not: null } },
      include: { enterprise: true },
      orderBy: { id: 'asc' },
    })
    return rows.map((c) => ({
      [CREDIT_CODE]: c.enterprise!.creditCode,
      [H.name]: c.name ?? '',
      [H.platform]: platformLabel(c.platform),
      [H.account]: c.userId,
      [H.phone]: c.phone ?? '',
      [H.role]: c.dutyRole ?? '',
    }))
  },
}
