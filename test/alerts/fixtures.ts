// Shared set-up for the alert, expiry and matching tests: fictional staff covering areas, enterprises that match
// an alert on one criterion but not another, their contacts, and valid credit codes.
import type { CoreDeps } from '../../src/deps.ts'
import { creditCodeCheckChar } from '../../src/features/enterprises/credit-code.ts'
import { loadStaffFile } from '../../src/features/staff/staff.repo.ts'

/** A valid 统一社会信用代码 whose body ends with `n` (test data only). */
export function creditCode(n: number): string {
  const body = `91330304MA2${String(n).padStart(6, '0')}`
  return body + creditCodeCheckChar(body)
}

export const STAFF = { publisher: '王工', butler: '李工', glasses: '周工', official: '质量科长', other: '赵工' }

export async function seedStaff(deps: CoreDeps, identities: (name: string) => Record<string, unknown> = () => ({})) {
  await loadStaffFile(deps.db, {
    staff: [
      { name: STAFF.publisher, department: '质量发展科', categories: ['quality_mgmt'], ...identities('publisher') },
      {
        name: STAFF.butler,
        department: '娄桥市场监管所',
        categories: ['quality_mgmt', 'certification', 'quality_loan', 'other'],
        towns: ['娄桥街道'],
        ...identities('butler'),
      },
      {
        name: STAFF.glasses,
        department: '梧田市场监管所',
        industries: ['眼镜'],
        towns: ['梧田街道'],
        ...identities('glasses'),
      },
      { name: STAFF.official, department: '质量发展科', role: 'official', isLead: true, ...identities('official') },
      { name: STAFF.other, department: '计量科', role: 'official', ...identities('other') },
    ],
  })
}

export interface Seeded {
  /** 鞋服 · 童鞋 · 娄桥: matches industry and product */
  a: number
  /** 鞋服 · 皮鞋 · 娄桥: matches the industry but not the product */
  b: number
  /** 眼镜 · 童鞋眼镜盒 · 梧田: matches the product but not the industry */
  c: number
  /** 锁具 · 娄桥: named by credit code only */
  d: number
  /** 鞋服 · 儿童童鞋 · 娄桥 */
  e: number
}

export async function seedEnterprises(deps: CoreDeps): Promise<Seeded> {
  const make = (n: number, name: string, industry: string, town: string, products: string[]) =>
    deps.db.enterprise.create({
      data: { name, creditCode: creditCode(n), industry, town, products: JSON.stringify(products) },
    })
  const a = await make(1, '甲童鞋有限公司（演示）', '鞋服', '娄桥街道', ['童鞋'])
  const b = await make(2, '乙皮鞋有限公司（演示）', '鞋服', '娄桥街道', ['皮鞋'])
  const c = await make(3, '丙眼镜有限公司（演示）', '眼镜', '梧田街道', ['童鞋眼镜盒'])
  const d = await make(4, '丁锁具有限公司（演示）', '锁具', '娄桥街道', ['挂锁'])
  const e = await make(5, '戊鞋业有限公司（演示）', '鞋服', '娄桥街道', ['儿童童鞋'])
  return { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id }
}

export async function bind(deps: CoreDeps, platform: string, userId: string, enterpriseId: number, name = userId) {
  return deps.db.contact.create({ data: { platform, userId, name, enterpriseId, boundAt: new Date() } })
}
