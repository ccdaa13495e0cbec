// Synthetic data for the digests benchmark: 1,000 staff across the catalogue's departments (officials, leads and
// admins among them, each with a Feishu account), 5,000 enterprises and 100,000 tickets, a quarter still open (some
// overdue, some due today, some waiting for approval). Written with createMany in chunks; not part of the timing.
import type { Db, Tx } from '../src/db/client.ts'
import { CATEGORIES } from '../src/features/tickets/categories.ts'
import { computeSlaDue } from '../src/features/tickets/sla.ts'

/** BENCH_SCALE (e.g. 0.1) shrinks everything, for trying the benchmark out; results are reported at scale 1. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
export const SIZES = {
  staff: Math.round(1000 * SCALE),
  enterprises: Math.round(5000 * SCALE),
  tickets: Math.round(100_000 * SCALE),
}
const CHUNK = 2000
const HOUR = 3600_000

export async function seedBenchData(db: Db, now: Date) {
  // One transaction for everything: SQLite then writes the file once instead of once per chunk.
  return db.$transaction((tx) => seed(tx, now), { timeout: 600_000, maxWait: 60_000 })
}

const chunks = async <T>(rows: T[], write: (part: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK))
}

async function seed(db: Tx, now: Date) {
  const departments = [...new Set(CATEGORIES.map((c) => c.department))]
  const staff = Array.from({ length: SIZES.staff }, (_, i) => {
    const department = departments[i % departments.length]!
    const role = i < 10 ? 'admin' : i < 10 + departments.length * 3 ? 'official' : 'staff'
    return {
      name: `工作人员${i + 1}`,
      department,
      role,
      isLead: role === 'official' && i % 3 === 0,
      categories: JSON.stringify(CATEGORIES.filter((c) => c.department === department).map((c) => c.code)),
    }
  })
  await chunks(staff, (part) => db.staff.createMany({ data: part }))
  const staffRows = await db.staff.findMany({ select: { id: true, department: true, role: true } })
  await chunks(
    staffRows.map((s) => ({ platform: 'feishu', userId: `ou_bench_${s.id}`, staffId: s.id })),
    (part) => db.identity.createMany({ data: part }),
  )
  await chunks(
    Array.from({ length: SIZES.enterprises }, (_, i) => ({
      name: `基准测试企业${i + 1}有限公司`,
      creditCode: `BENCH${String(i).padStart(13, '0')}`,
      industry: ['鞋服', '汽摩配', '锁具', '眼镜', '其他'][i % 5]!,
    })),
    (part) => db.enterprise.createMany({ data: part }),
  )
  const enterprises = await db.enterprise.findMany({ select: { id: true } })
  const workers = new Map<string, number[]>()
  for (const s of staffRows)
    if (s.role === 'staff') workers.set(s.department, [...(workers.get(s.department) ?? []), s.id])
  // Open tickets are dealt round-robin within each department, so everyone has some.
  const dealt = new Map<string, number>()
  const tickets = Array.from({ length: SIZES.tickets }, (_, i) => {
    // Every fourth ticket is open; the categories turn over every four tickets so the open ones cover all of them.
    const category = CATEGORIES[Math.floor(i / 4) % CATEGORIES.length]!
    const active = i % 4 === 0
    const createdAt = new Date(now.getTime() - ((i % 400) + 1) * HOUR)
    const pool = workers.get(category.department) ?? []
    const turn = dealt.get(category.department) ?? 0
    if (active) dealt.set(category.department, turn + 1)
    const status = !active
      ? 'closed'
      : i % 40 === 0 && category.approvalDepartment
        ? 'pending_approval'
        : i % 3
          ? 'in_progress'
          : 'assigned'
    const due = computeSlaDue(category.code, createdAt)
    return {
      number: `QS-2099-${String(i + 1).padStart(6, '0')}`,
      category: category.code,
      description: '基准测试工单',
      status,
      assigneeId: pool[turn % pool.length] ?? null,
      enterpriseId: enterprises[i % enterprises.length]!.id,
      needsApproval: status === 'pending_approval',
      approvalDepartment: status === 'pending_approval' ? category.approvalDepartment : null,
      originPlatform: 'feishu',
      ...due,
      firstRespondedAt: status === 'assigned' ? null : new Date(createdAt.getTime() + HOUR),
      resolvedAt: active ? null : new Date(createdAt.getTime() + 20 * HOUR),
      closedAt: active ? null : new Date(createdAt.getTime() + 30 * HOUR),
      createdAt,
    }
  })
  await chunks(tickets, (part) => db.ticket.createMany({ data: part }))
  return { active: tickets.filter((t) => t.status !== 'closed').length }
}

// Run as a script (`tsx bench/digests-data.ts <database url>`): the benchmark seeds in a child process, so the
// memory it reports is the digest run's, not the seeding's.
if (process.argv[1]?.endsWith('digests-data.ts') && process.argv[2]) {
  const { openNodeDb } = await import('../src/db/node-db.ts')
  const db = await openNodeDb(process.argv[2])
  const data = await seedBenchData(db, new Date(process.argv[3] ?? Date.now()))
  await db.$disconnect()
  console.log(JSON.stringify(data))
}
