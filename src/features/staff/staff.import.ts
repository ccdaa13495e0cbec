// Importing the staff list: one row per person with their department, role, the ticket categories they handle
// (by the names staff read), the industries and towns they cover, and their Feishu / DingTalk accounts. Saved
// through saveStaff, as the staff file and the API save it.
import { type CellError, type ImportKind, listCell, yes } from '../../import/kind.ts'
import { CATEGORIES } from '../tickets/categories.ts'
import { staffIdOf } from './identity.repo.ts'
import { findStaff, saveStaff } from './staff.repo.ts'
import type { STAFF_ROLES, StaffInput, StaffView } from './staff.schema.ts'

const H = {
  name: '姓名',
  department: '科室',
  role: '角色',
  lead: '科室负责人',
  categories: '业务类别',
  industries: '负责行业',
  towns: '负责街道',
  feishu: '飞书账号',
  dingtalk: '钉钉账号',
  active: '在岗',
}
const ROLE_BY_LABEL: Record<string, (typeof STAFF_ROLES)[number]> = {
  工作人员: 'staff',
  审批领导: 'official',
  管理员: 'admin',
}
const roleLabel = (role: string) => Object.entries(ROLE_BY_LABEL).find(([, r]) => r === role)?.[0] ?? role
const categoryCode = (text: string) => CATEGORIES.find((c) => c.label === text || c.code === text)?.code
const categoryName = (code: string) => CATEGORIES.find((c) => c.code === code)?.label ?? code

type StaffRow = StaffInput & { identities: Record<string, string> }

/** What the import compares: the fields a row sets (the console account, derived from the name, is left out). */
const comparable = (s: StaffView | StaffRow) => ({
  name: s.name,
  department: s.department,
  role: s.role ?? 'staff',
  isLead: s.isLead ?? false,
  categories: s.categories ?? [],
  industries: s.industries ?? [],
  towns: s.towns ?? [],
  active: s.active ?? true,
  feishu: Array.isArray(s.identities)
    ? (s.identities.find((i) => i.platform === 'feishu')?.userId ?? null)
    : ((s.identities as Record<string, string>).feishu ?? null),
  dingtalk: Array.isArray(s.identities)
    ? (s.identities.find((i) => i.platform === 'dingtalk')?.userId ?? null)
    : ((s.identities as Record<string, string>).dingtalk ?? null),
})

export const staffImport: ImportKind<StaffRow> = {
  kind: 'staff',
  label: '人员',
  columns: [
    { header: H.name, required: true, example: '王工（演示）' },
    { header: H.department, required: true, example: '认证检测科', note: '科室或市场监管所' },
    { header: H.role, example: '工作人员', note: `${Object.keys(ROLE_BY_LABEL).join('、')}；不填为工作人员` },
    { header: H.lead, example: '否', note: '是 / 否' },
    { header: H.categories, example: '检验检测、认证认可', note: CATEGORIES.map((c) => c.label).join('、') },
    { header: H.industries, example: '', note: '不填表示全部行业' },
    { header: H.towns, example: '', note: '不填表示全部街道' },
    { header: H.feishu, example: '', note: '飞书 open_id（ou_ 开头）' },
    { header: H.dingtalk, example: '', note: '钉钉 userId' },
    { header: H.active, example: '是', note: '是 / 否；不填为是' },
  ],
  parse(cells) {
    const errors: CellError[] = []
    const name = (cells[H.name] ?? '').trim()
    const department = (cells[H.department] ?? '').trim()
    if (!name) errors.push({ column: H.name, reason: '不能为空' })
    if (!department) errors.push({ column: H.department, reason: '不能为空' })
    const roleText = (cells[H.role] ?? '').trim()
    const role = roleText ? ROLE_BY_LABEL[roleText] : 'staff'
    if (!role) errors.push({ column: H.role, reason: `应为 ${Object.keys(ROLE_BY_LABEL).join('、')} 之一` })
    const categoryTexts = listCell(cells[H.categories])
    const unknown = categoryTexts.filter((t) => !categoryCode(t))
    if (unknown.length) errors.push({ column: H.categories, reason: `没有“${unknown.join('、')}”这一业务类别` })
    if (errors.length) return { ok: false, errors }
    const identities: Record<string, string> = {}
    if (cells[H.feishu]?.trim()) identities.feishu = cells[H.feishu]!.trim()
    if (cells[H.dingtalk]?.trim()) identities.dingtalk = cells[H.dingtalk]!.trim()
    const record: StaffRow = {
      name,
      department,
      role: role!,
      isLead: yes(cells[H.lead]),
      categories: categoryTexts.map((t) => categoryCode(t)!),
      industries: listCell(cells[H.industries]),
      towns: listCell(cells[H.towns]),
      identities,
      active: cells[H.active]?.trim() ? yes(cells[H.active]) : true,
    }
    return { ok: true, record, key: `${name}|${department}` }
  },
  async plan(db, r) {
    for (const [platform, userId] of Object.entries(r.identities)) {
      const owner = await staffIdOf(db, { platform, userId })
      const mine = await db.staff.findFirst({ where: { name: r.name, department: r.department } })
      if (owner !== null && owner !== mine?.id) {
        return {
          action: 'error',
          error: { column: platform === 'feishu' ? H.feishu : H.dingtalk, reason: '该账号已属于另一位工作人员' },
        }
      }
    }
    const existing = await db.staff.findFirst({ where: { name: r.name, department: r.department } })
    const before = existing ? await findStaff(db, existing.id) : null
    const after = comparable(r)
    const label = `${r.name}（${r.department}）`
    if (!before) return { action: 'create', subject: `staff:${r.name}`, label, after }
    const same = JSON.stringify(comparable(before)) === JSON.stringify(after)
    return {
      action: same ? 'unchanged' : 'update',
      subject: `staff:${before.id}`,
      label,
      before: comparable(before),
      after,
    }
  },
  async apply(db, r) {
    await saveStaff(db, r)
  },
  async exportRows(db) {
    const rows = await db.staff.findMany({ orderBy: { id: 'asc' }, include: { identities: true } })
    return rows.map((row) => {
      const s = comparable({
        ...row,
        role: row.role as StaffRow['role'],
        categories: JSON.parse(row.categories),
        industries: JSON.parse(row.industries),
        towns: JSON.parse(row.towns),
        identities: row.identities.map(({ platform, userId }) => ({ platform, userId })),
      } as StaffView)
      return {
        [H.name]: s.name,
        [H.department]: s.department,
        [H.role]: roleLabel(s.role),
        [H.lead]: s.isLead ? '是' : '否',
        [H.categories]: s.categories.map(categoryName).join('、'),
        [H.industries]: s.industries.join('、'),
        [H.towns]: s.towns.join('、'),
        [H.feishu]: s.feishu ?? '',
        [H.dingtalk]: s.dingtalk ?? '',
        [H.active]: s.active ? '是' : '否',
      }
    })
  },
}
