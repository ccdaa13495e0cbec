// Spreadsheet imports over the admin API, with workbooks and CSV files made here: good rows, a credit code with
// the wrong check character, a duplicate, a GBK CSV from Excel on Chinese Windows; apply in one go only when clean;
// importing the same file again changes nothing; an export imports back unchanged; the monthly report downloads.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readTable } from '../../src/import/table.ts'
import { bearer, seedTicketWaiting, TOKEN } from '../admin/fixtures.ts'
import { withServer } from '../helpers/server.ts'

const server = withServer({ once: true, env: { ADMIN_TOKEN: TOKEN } })

interface Report {
  rows: number
  created: number
  updated: number
  unchanged: number
  applied: boolean
  errors: { row: number; column: string; reason: string }[]
}

async function xlsx(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('企业')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

async function upload(kind: string, body: Uint8Array | string, apply = false): Promise<Report> {
  const res = await fetch(`${server.url}/admin/api/imports/${kind}${apply ? '?apply=true' : ''}`, {
    method: 'POST',
    headers: { ...bearer, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : Buffer.from(body),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Report
}

const HEADER = ['企业名称*', '统一社会信用代码*', '行业*', '规模', '所属街道', '监管类别', '重点产品']
const GOOD = [
  ['瓯海测试鞋业有限公司', '91330304MA2CT00018', '鞋服', '中型', '娄桥街道', '强制性认证', '皮鞋、童鞋'],
  ['瓯海测试眼镜有限公司', '91330304MA2CT0002B', '眼镜', '小型', '郭溪街道', '', '眼镜架'],
]

describe('importing enterprises', () => {
  it('previews good rows, names every bad one by row, column and reason, and writes nothing', async () => {
    const file = await xlsx([
      HEADER,
      ...GOOD,
      ['瓯海测试锁业有限公司', '91330304MA2CT0003F', '锁具', '', '', '', ''],
      ['瓯海测试鞋业有限公司（重复）', '91330304MA2CT00018', '鞋服', '', '', '', ''],
      ['瓯海测试服饰有限公司', '91330304MA2CT0004H', '服装', '巨型', '', '日报', ''],
    ])
    const report = await upload('enterprises', file, true)
    expect(report).toMatchObject({ rows: 5, created: 2, applied: false })
    expect(report.errors).toEqual([
      { row: 4, column: '统一社会信用代码', reason: '校验位不正确（按前17位计算，第18位应为 E）' },
      { row: 5, column: '企业名称', reason: '与第 2 行重复' },
      { row: 6, column: '行业', reason: '应为 鞋服、汽摩配、锁具、眼镜、其他 之一' },
      { row: 6, column: '规模', reason: '应为 大型、中型、小型、微型 之一' },
      { row: 6, column: '监管类别', reason: '“日报”不是 许可证、强制性认证、强标 之一' },
    ])
    expect(await server.deps.db.enterprise.count()).toBe(0)
  })

  it('applies a clean file in one go, and the same file again changes nothing', async () => {
    const file = await xlsx([HEADER, ...GOOD])
    const dry = await upload('enterprises', file)
    expect(dry).toMatchObject({ created: 2, applied: false, errors: [] })
    expect(await server.deps.db.enterprise.count()).toBe(0)
    const applied = await upload('enterprises', file, true)
    expect(applied).toMatchObject({ created: 2, applied: true })
    const saved = await server.deps.db.enterprise.findUniqueOrThrow({ where: { creditCode: '91330304MA2CT00018' } })
    expect(saved).toMatchObject({
      industry: '鞋服',
      size: '中型',
      dutyClasses: '["强制性认证"]',
      products: '["皮鞋","童鞋"]',
    })
    const audited = await server.deps.db.auditEntry.count({ where: { action: 'import.enterprises' } })
    expect(audited).toBe(2)

    const again = await upload('enterprises', file, true)
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, applied: false })
    expect(await server.deps.db.auditEntry.count({ where: { action: 'import.enterprises' } })).toBe(2)
  })

  it('reads a GBK CSV as Excel saves it on Chinese Windows, and reports an update', async () => {
    const csv = [
      HEADER.join(','),
      '瓯海测试鞋业股份有限公司,91330304MA2CT00018,鞋服,大型,娄桥街道,强制性认证,皮鞋、童鞋',
    ].join('\r\n')
    const report = await upload('enterprises', new Uint8Array(iconv.encode(csv, 'gbk')), true)
    expect(report).toMatchObject({ updated: 1, applied: true })
    const saved = await server.deps.db.enterprise.findUniqueOrThrow({ where: { creditCode: '91330304MA2CT00018' } })
    expect(saved.name).toBe('瓯海测试鞋业股份有限公司')
  })

  it('refuses a file without a required column', async () => {
    const report = await upload('enterprises', '企业名称,行业\n某公司,鞋服\n')
    expect(report.errors).toEqual([{ row: 1, column: '统一社会信用代码', reason: '表头缺少此必填列' }])
  })
})

describe('the other kinds', () => {
  it('imports contacts of known enterprises, staff, standards and certificates', async () => {
    const contacts = [
      '统一社会信用代码,姓名,平台,账号,手机,职务',
      '91330304MA2CT00018,陈主任,飞书,ou_chen,138 0000 0000,质量安全总监',
      '91330304MA2CT0005L,王主任,钉钉,ding-wang,,',
    ]
    const c = await upload('contacts', contacts.join('\n'), true)
    expect(c.errors).toEqual([{ row: 3, column: '统一社会信用代码', reason: '未找到该企业，请先导入企业' }])
    expect(c.applied).toBe(false)
    expect((await upload('contacts', contacts.slice(0, 2).join('\n'), true)).applied).toBe(true)
    const contact = await server.deps.db.contact.findFirstOrThrow({ where: { userId: 'ou_chen' } })
    expect(contact).toMatchObject({ dutyRole: '质量安全总监', phone: '13800000000' })
    expect(contact.boundAt).toBeTruthy()

    const staff = [
      '姓名,科室,角色,科室负责人,业务类别,负责行业,负责街道,飞书账号,钉钉账号,在岗',
      '王工,认证检测科,审批领导,是,检验检测、认证认可,,,ou_wang,,是',
      '赵工,计量科,工作人员,,计量,鞋服,,,,',
    ]
    expect(await upload('staff', staff.join('\n'), true)).toMatchObject({ created: 2, applied: true })
    const wang = await server.deps.db.staff.findFirstOrThrow({ where: { name: '王工' }, include: { identities: true } })
    expect(wang).toMatchObject({ role: 'official', isLead: true, categories: '["testing","certification"]' })
    expect(wang.identities.map((i) => `${i.platform}:${i.userId}`).sort()).toEqual(['console:王工', 'feishu:ou_wang'])
    expect(await upload('staff', staff.join('\n'), true)).toMatchObject({ unchanged: 2, applied: false })

    const standards = [
      '标准编号,标准名称,行业,类别,状态,牵头企业,发布日期',
      'T/ZZB 9001-2026,测试鞋,鞋服,浙江制造,已发布,瓯海测试鞋业有限公司,2026-03-01',
    ]
    expect(await upload('standards', standards.join('\n'), true)).toMatchObject({ created: 1, applied: true })
    expect(await upload('standards', standards.join('\n'))).toMatchObject({ unchanged: 1 })

    const certificates = [
      '统一社会信用代码,证书类别,证书名称,证书编号,发证日期,有效期至',
      '91330304MA2CT00018,品字标“浙江制造”认证,品字标认证证书,ZZ-0001,2025-03-01,2028/2/28',
      '91330304MA2CT00018,其他,ISO 9001,Q-1,2025-13-01,',
    ]
    const cert = await upload('certificates', certificates.join('\n'))
    expect(cert.errors).toEqual([{ row: 3, column: '发证日期', reason: '日期格式应为 年-月-日' }])
    expect(await upload('certificates', certificates.slice(0, 2).join('\n'), true)).toMatchObject({
      created: 1,
      applied: true,
    })
    expect(await upload('certificates', certificates.slice(0, 2).join('\n'))).toMatchObject({ unchanged: 1 })
  })

  it('round-trips: every list exported as CSV imports back unchanged', async () => {
    for (const kind of ['enterprises', 'contacts', 'staff', 'standards', 'certificates']) {
      const res = await fetch(`${server.url}/admin/api/exports/${kind}`, { headers: bearer })
      expect(res.headers.get('content-type')).toContain('text/csv')
      const csv = await res.text()
      const report = await upload(kind, csv)
      expect(report.errors, kind).toEqual([])
      expect(report.created + report.updated, kind).toBe(0)
      expect(report.unchanged, kind).toBeGreaterThan(0)
    }
  })

  it('offers a template per kind whose columns are the import columns, example row included', async () => {
    const res = await fetch(`${server.url}/admin/api/imports/enterprises/template`, { headers: bearer })
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('导入模板-企业.xlsx'))
    const table = await readTable(new Uint8Array(await res.arrayBuffer()))
    expect(table.headers).toEqual(['企业名称', '统一社会信用代码', '行业', '规模', '所属街道', '监管类别', '重点产品'])
    expect(table.rows[0]!.cells.统一社会信用代码).toBe('91330304MA2DEMX01A')
  })
})

describe('the monthly report', () => {
  it('downloads as a formatted workbook with tickets by category, time limits kept and satisfaction', async () => {
    const { ticket } = await seedTicketWaiting(server.deps)
    await server.deps.db.satisfaction.create({ data: { ticketId: ticket.id, score: 5 } })
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    const bad = await fetch(`${server.url}/admin/api/reports/monthly?month=2026-13`, { headers: bearer })
    expect(bad.status).toBe(422)
    const res = await fetch(`${server.url}/admin/api/reports/monthly?month=${month}`, { headers: bearer })
    expect(res.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const sheet = workbook.getWorksheet('工单')!
    expect(String(sheet.getCell('A1').value)).toContain(`${month} 一站式服务工单月报`)
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true)
    const rows = sheet.getSheetValues().slice(3) as unknown[][]
    const fee = rows.find((r) => r?.[1] === '检验检测费用减免')
    expect(fee?.slice(2, 6)).toEqual([1, 0, 1, 1])
    expect(sheet.getColumn(6).numFmt).toBe('0.0%')
    const satisfaction = workbook.getWorksheet('满意度')!
    expect(satisfaction.getRow(3).values).toEqual([undefined, '全部', 1, 5])
  })

  it('carries the month’s alerts with their receipts and receipt rate (a sheet the alerts feature adds)', async () => {
    const db = server.deps.db
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7)
    const alert = await db.alert.create({
      data: {
        title: '电动自行车头盔抽查不合格风险',
        level: '较重',
        source: '监督抽查',
        audience: '{}',
        action: '请自查同批次产品。',
        receiptDue: new Date(Date.now() + 86_400_000),
        status: 'sent',
        sentAt: new Date(),
        publisherId: 1,
        publisherPlatform: 'feishu',
      },
    })
    const receipts = ['acknowledged', 'needs_help', null, null]
    await db.alertRecipient.createMany({
      data: receipts.map((receipt, i) => ({ alertId: alert.id, enterpriseId: 9000 + i, receipt })),
    })
    const res = await fetch(`${server.url}/admin/api/reports/monthly?month=${month}`, { headers: bearer })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const sheet = workbook.getWorksheet('风险预警')!
    expect(String(sheet.getCell('A1').value)).toBe(`${month} 质量风险预警与回执`)
    const row = (sheet.getSheetValues().slice(3) as unknown[][]).find((r) => r?.[1] === `YJ-${alert.id}`)
    expect(row?.slice(2, 5)).toEqual(['电动自行车头盔抽查不合格风险', '较重', '监督抽查'])
    expect(row?.slice(6, 11)).toEqual([4, 1, 1, 2, 0.5])
    expect(sheet.getColumn(10).numFmt).toBe('0.0%')
    // Another month has none of it.
    const other = await fetch(`${server.url}/admin/api/reports/monthly?month=2020-01`, { headers: bearer })
    const empty = new ExcelJS.Workbook()
    await empty.xlsx.load((await other.arrayBuffer()) as ArrayBuffer)
    expect(empty.getWorksheet('风险预警')!.getCell('A3').value).toBe('本月没有发出的风险预警。')
  })

  it('carries the plan’s targets in their own words and the month’s duty check-in rates', async () => {
    const db = server.deps.db
    await db.targetSnapshot.create({ data: { month: '2026-10', target: 'quality_research', value: 4 } })
    const res = await fetch(`${server.url}/admin/api/reports/monthly?month=2026-10`, { headers: bearer })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const sheet = workbook.getWorksheet('目标进展')!
    const rows = (sheet.getSheetValues().slice(3) as unknown[][]).filter(Boolean)
    expect(rows).toHaveLength(7)
    const tackling = rows.find((r) => String(r[2]).includes('质量技术攻关'))!
    expect(tackling.slice(3, 7)).toEqual(['10家', 4, 0.4, '工作人员登记（月调度快照）'])
    expect(workbook.getWorksheet('企业检查反馈')!.getCell('A3').value).toBe('本月没有应反馈的检查。')
  })
})
