// Alerts benchmark (`npm run bench -- alerts`): 5,000 enterprises with one Feishu contact each.
// 1. Fan-out: an alert to all of them, from 确认发布 to every card queued (audience resolved, receipt rows, cards and
//    outbox rows written in one transaction), against a baseline that queues the same cards one enqueueMessage at a
//    time in the same run.
// 2. Drain: how fast the outbox delivers them through a port with Feishu's limits (50/s per app) and with ten times
//    that, as a share of the allowed rate.
// 3. 政策找企业: matching all enterprises after a rule change, against a baseline that loads and evaluates each
//    enterprise on its own.
// Writes bench/results/alerts.json.
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import type { CoreDeps } from '../src/deps.ts'
import { renderNotice } from '../src/features/alerts/alert.cards.ts'
import { createDraft, findAlert } from '../src/features/alerts/alert.repo.ts'
import { confirmAlert } from '../src/features/alerts/publish.ts'
import { bundledRules } from '../src/features/eligibility/rules.bundle.ts'
import type { RulesBundle } from '../src/features/eligibility/rules.schema.ts'
import { creditCodeCheckChar } from '../src/features/enterprises/credit-code.ts'
import { findEnterpriseById } from '../src/features/enterprises/enterprise.repo.ts'
import { runPolicyMatching } from '../src/features/matching/matching.service.ts'
import { matchRules } from '../src/features/matching/rules-match.ts'
import { loadStaffFile } from '../src/features/staff/staff.repo.ts'
import { enqueueMessage } from '../src/outbox/outbox.repo.ts'
import { testCore } from '../test/helpers/core.ts'

const N = 5000
const INDUSTRIES = ['鞋服', '汽摩配', '锁具', '眼镜', '其他']
const TOWNS = ['娄桥街道', '梧田街道', '新桥街道', '景山街道']

const now = () => performance.now()
const round = (x: number) => Math.round(x * 10) / 10

function code(n: number) {
  const body = `91330304MA${String(n).padStart(7, '0')}`
  return body + creditCodeCheckChar(body)
}

async function seed(deps: CoreDeps) {
  await loadStaffFile(deps.db, {
    staff: [
      { name: '发布人', department: '质量发展科', identities: { feishu: 'ou_pub' } },
      ...TOWNS.map((town, i) => ({
        name: `管家${i}`,
        department: '所',
        towns: [town],
        identities: { feishu: `ou_s${i}` },
      })),
    ],
  })
  const enterprises = Array.from({ length: N }, (_, i) => ({
    name: `基准企业${i}（演示）`,
    creditCode: code(i + 1),
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
    town: TOWNS[i % TOWNS.length]!,
    products: JSON.stringify(['产品']),
  }))
  await deps.db.enterprise.createMany({ data: enterprises })
  const rows = await deps.db.enterprise.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
  await deps.db.contact.createMany({
    data: rows.map((r) => ({ platform: 'feishu', userId: `ou_c${r.id}`, enterpriseId: r.id, boundAt: new Date() })),
  })
  // A third hold a district quality award: they meet the loan criteria and are one tier from the city award.
  await deps.db.honour.createMany({
    data: rows
      .filter((_, i) => i % 3 === 0)
      .map((r) => ({ enterpriseId: r.id, kind: 'gov_quality_award', level: '区', year: 2025, title: '区政府质量奖' })),
  })
  // Another third hold a green product certification (a criterion only the changed rule knows).
  await deps.db.honour.createMany({
    data: rows
      .filter((_, i) => i % 3 === 1)
      .map((r) => ({ enterpriseId: r.id, kind: 'green_product_cert', year: 2026, title: '绿色产品认证' })),
  })
}

const draft = (receiptDue: Date) => ({
  title: '基准测试预警（演示）',
  level: '一般' as const,
  source: '监督抽查' as const,
  audience: { industries: INDUSTRIES, products: [], towns: [], creditCodes: [] },
  action: '请自查相关产品。',
  receiptDue,
})

async function fanOutBench(deps: CoreDeps) {
  const publisher = (await deps.db.staff.findFirstOrThrow({ where: { name: '发布人' } }))!
  const due = new Date(deps.clock.now().getTime() + 3 * 86400_000)
  const alert = await createDraft(deps.db, draft(due), publisher, 'feishu', deps.clock.now())
  const started = now()
  const outcome = await confirmAlert(
    deps,
    { platform: 'feishu', userId: 'ou_pub' },
    { al: alert.id, av: alert.version },
    false,
  )
  const queueMs = now() - started
  if (!outcome.ok) throw new Error(outcome.message)
  const queued = await deps.db.outbox.count({ where: { status: 'pending' } })

  // Baseline: the same cards, one enqueueMessage (SentCard + outbox row) at a time, in one transaction.
  const sent = (await findAlert(deps.db, alert.id))!
  const contacts = await deps.db.contact.findMany({ select: { platform: true, userId: true, enterpriseId: true } })
  const b0 = now()
  await deps.db.$transaction(
    async (tx) => {
      for (const c of contacts) {
        const card = renderNotice(sent, `alert:${sent.id}:e:${c.enterpriseId}`)
        await enqueueMessage(tx, { address: { platform: c.platform, userId: c.userId }, body: { kind: 'card', card } })
      }
    },
    { timeout: 120_000 },
  )
  const baselineMs = now() - b0
  await deps.db.outbox.deleteMany({ where: { id: { gt: queued + 10 } } })
  return { enterprises: N, queued, queueMs: round(queueMs), baselineOneByOneMs: round(baselineMs) }
}

/** Deliveries wait at this gate until the drain is measured, so the fan-out is timed on queueing alone. */
let openGate: () => void = () => {}
const gate = new Promise<void>((resolve) => {
  openGate = resolve
})

async function drainBench(
  deps: CoreDeps,
  port: { delivered: unknown[]; limits: { perAppPerSecond: number } },
  perApp: number,
  windowMs: number,
) {
  port.limits.perAppPerSecond = perApp
  openGate()
  const before = port.delivered.length
  const started = now()
  deps.outbox.kick()
  await new Promise((resolve) => setTimeout(resolve, windowMs))
  const elapsed = now() - started
  const delivered = port.delivered.length - before
  const rate = delivered / (elapsed / 1000)
  return {
    allowedPerSecond: perApp,
    windowMs,
    delivered,
    perSecond: round(rate),
    shareOfAllowed: round((rate / perApp) * 100),
  }
}

async function matchingBench(deps: CoreDeps) {
  const rules = bundledRules()
  const first = now()
  const initial = await runPolicyMatching(deps, deps.clock.now(), { rules })
  const initialMs = now() - first
  const changed: RulesBundle = {
    ...rules,
    loan: {
      ...rules.loan,
      version: rules.loan.version + 1,
      criteria: [
        ...rules.loan.criteria,
        {
          id: 'green-product',
          label: '绿色产品认证（基准用规则）',
          honours: ['green_product_cert'],
          certificates: [],
          next: { text: '基准', section: '三、(二)' },
        },
      ],
    },
  }
  const started = now()
  const after = await runPolicyMatching(deps, deps.clock.now(), { rules: changed })
  const afterChangeMs = now() - started
  // Baseline: each enterprise loaded and evaluated on its own.
  const ids = (await deps.db.enterprise.findMany({ select: { id: true } })).map((r) => r.id)
  const b0 = now()
  let met = 0
  for (const id of ids) {
    const profile = (await findEnterpriseById(deps.db, id))!
    if (matchRules(profile, changed, deps.clock.now()).length) met += 1
  }
  const baselineMs = now() - b0
  return {
    enterprises: N,
    initial: { ...initial, ms: round(initialMs) },
    afterRuleChange: { ...after, ms: round(afterChangeMs) },
    baselineOneByOne: { enterprisesMeetingSomething: met, ms: round(baselineMs) },
  }
}

export async function runAlertsBench() {
  const core = await testCore('sqlite')
  const { deps, port } = core
  // The rate limiter counts real time: the drain is measured against the wall clock.
  ;(deps as { clock: CoreDeps['clock'] }).clock = { now: () => new Date() }
  const deliver = port.deliver.bind(port)
  port.deliver = async (message) => {
    await gate
    return deliver(message)
  }
  await seed(deps)
  const fanOut = await fanOutBench(deps)
  const drainFeishu = await drainBench(deps, port, 50, 6000)
  const drainFast = await drainBench(deps, port, 500, 4000)
  port.limits.perAppPerSecond = 1 // (nearly) stop the drain while matching is measured
  await new Promise((resolve) => setTimeout(resolve, 1100))
  await deps.outbox.drain()
  const matching = await matchingBench(deps)
  const result = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => round(l)),
    database: 'sqlite (temporary file)',
    fanOut,
    drain: [drainFeishu, drainFast],
    matching,
    targets: { queueMs: '< 1000', drainShareOfAllowed: '>= 95', matchingAfterRuleChangeMs: '< 1000' },
  }
  console.log(JSON.stringify(result, null, 2))
  const dir = join(import.meta.dirname, 'results')
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'alerts.json'), `${JSON.stringify(result, null, 2)}\n`)
  return result
}
