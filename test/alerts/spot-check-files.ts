// Spot-check result files as staff send them (an .xlsx workbook made here, a CSV saved as GBK by Excel on Chinese
// Windows), the people and groups the spot-check tests share, and the import over the admin API.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import type { CoreDeps } from '../../src/deps.ts'
import { saveStaff } from '../../src/features/staff/staff.repo.ts'
import type { ImportReport } from '../../src/import/run.ts'
import { bearer } from '../admin/fixtures.ts'
import type { Session } from './admin-client.ts'
import { creditCode, seedEnterprises, seedStaff } from './fixtures.ts'

export const HEADER = [
  '企业名称*',
  '统一社会信用代码*',
  '产品名称*',
  '抽查结论*',
  '不合格项目',
  '抽查日期*',
  '抽查批次*',
]
export const BATCH_1 = '2026年第4批区级产品质量监督抽查（测试）'
export const BATCH_2 = '2026年第5批省级产品质量监督抽查（测试）'

/** Three good rows: 甲 不合格 and 乙 合格 in the first batch, 丁 不合格 in the second. */
export const GOOD = [
  ['甲童鞋有限公司（演示）', creditCode(1), '童鞋', '不合格', '耐折性能、鞋带耐磨性能', '2026-11-20', BATCH_1],
  ['乙皮鞋有限公司（演示）', creditCode(2), '皮鞋', '合格', '', '2026-11-20', BATCH_1],
  ['丁锁具有限公司（演示）', creditCode(4), '挂锁', '不合格', '锁舌强度', '2026/11/21', BATCH_2],
]

export async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('抽查结果')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

export const gbkCsv = (rows: string[][]) =>
  new Uint8Array(iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk'))

/** POST /admin/api/imports/spot-checks with the token or an admin's console session. */
export async function uploadSpotChecks(
  base: string,
  file: Uint8Array,
  apply: boolean,
  as: Session | 'token' = 'token',
) {
  const auth = as === 'token' ? bearer : { cookie: as.cookie, 'x-csrf-token': as.csrf }
  const res = await fetch(`${base}/admin/api/imports/spot-checks${apply ? '?apply=true' : ''}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body: Buffer.from(file),
  })
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as ImportReport
}

export const ADMIN = '管理员（测试）'

/** The alert tests' staff and enterprises, an admin, and 甲's own group chat on `platform`. */
export async function seedForSpotChecks(deps: CoreDeps, platform: string, account: (who: string) => string) {
  await seedStaff(deps, (who) => ({ identities: { [platform]: account(who) } }))
  await saveStaff(deps.db, {
    name: ADMIN,
    department: '办公室',
    role: 'admin',
    identities: { [platform]: account('admin') },
  })
  const ids = await seedEnterprises(deps)
  return ids
}
