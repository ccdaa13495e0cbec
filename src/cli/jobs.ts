// `npm run jobs -- list`: every job, its schedule (Asia/Shanghai) and its last run.
// `npm run jobs -- run <name> [--at <ISO time>] [--json]`: runs one job once for the period that contains --at
// (default now), as the schedule would, and prints what it did; a period that ran already is not run again
// (`"ran": false`), however many of these run at once. Messages are delivered at once to the console platform and
// shown here (the digest a staff member would get), and wait in the outbox for the chat platforms.
import { renderCardText } from '../cards/render-text.ts'
import { FEATURES } from '../features/index.ts'
import { describeCron } from '../jobs/describe.ts'
import { JOB_TIME_ZONE } from '../jobs/job.ts'
import { jobsOf } from '../jobs/registry.ts'
import { runJob } from '../jobs/run-job.ts'
import type { OutboxMessage } from '../outbox/port.ts'
import { parseArgs } from './args.ts'
import { openLocalCore } from './local-core.ts'

const USAGE = '用法 / usage: npm run jobs -- list | npm run jobs -- run <name> [--at <ISO time>] [--json]'
const PERIODS = { minute: '每分钟一次', day: '每天一次', week: '每周一次', month: '每月一次' }

const { flags, text } = parseArgs(process.argv.slice(2), ['at'])
const [command, name, ...extra] = text.split(/\s+/).filter(Boolean)
const jobs = jobsOf(FEATURES)

function fail(message: string, code = 2): never {
  console.error(message)
  process.exit(code)
}

const local = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

function showMessage(message: OutboxMessage): string {
  const to = message.address.userId ?? message.address.chatId ?? ''
  const body = message.body.kind === 'card' ? renderCardText(message.body.card).text : message.body.text
  return `→ ${to}\n${body.replaceAll(/^/gm, '  ')}`
}

if (command !== 'list' && command !== 'run') fail(USAGE)
if (command === 'run' && (!name || extra.length)) fail(USAGE)
const job = command === 'run' ? jobs.find((j) => j.name === name) : undefined
if (command === 'run' && !job)
  fail(`没有名为 ${name} 的任务 / unknown job. 可用 / known: ${jobs.map((j) => j.name).join(', ')}`)
const at = typeof flags.at === 'string' ? new Date(flags.at) : new Date()
if (Number.isNaN(at.getTime())) fail(`--at 不是有效的时间 / not a valid ISO time: ${flags.at}`)

// The business clock starts at --at and runs on, so the outbox and the SLA clocks read the time asked for.
const startedAt = Date.now()
const core = await openLocalCore({ now: () => new Date(at.getTime() + (Date.now() - startedAt)) })
const { deps } = core
try {
  if (command === 'list') {
    console.log(`任务列表（时间为 ${JOB_TIME_ZONE}）/ jobs (times in ${JOB_TIME_ZONE})\n`)
    for (const j of jobs) {
      const last = await deps.db.jobRun.findFirst({ where: { job: j.name }, orderBy: { startedAt: 'desc' } })
      const lastText = last
        ? `${last.period} ${last.status}（${local(last.startedAt)}，发送 ${last.sent}，跳过 ${last.skipped}）`
        : '尚未运行'
      console.log(`${j.name}`)
      console.log(`  时间：${describeCron(j.cron)}（cron ${j.cron}，${PERIODS[j.period ?? 'minute']}）`)
      console.log(`  说明：${j.description}`)
      console.log(`  上次运行：${lastText}\n`)
    }
  } else if (job) {
    const outcome = await runJob(deps, job, at, 'manual')
    const summary = {
      job: outcome.job,
      period: outcome.period,
      ran: outcome.ran,
      sent: outcome.sent,
      skipped: outcome.skipped,
    }
    await deps.outbox.drain()
    const shown = core.inbox.take()
    if (flags.json === true) console.log(JSON.stringify(summary))
    else {
      const what = outcome.ran
        ? `已运行：发送 ${outcome.sent}，跳过 ${outcome.skipped}${outcome.note ? `（${outcome.note}）` : ''}`
        : '该周期已运行过，本次未重复运行'
      console.log(`${job.name} · 周期 ${outcome.period} · ${what}`)
      if (outcome.status === 'failed') console.log(`失败 / failed: ${outcome.error}`)
      for (const message of shown) console.log(`\n${showMessage(message)}`)
    }
    if (outcome.status === 'failed') process.exitCode = 1
  }
} finally {
  await core.close()
}
process.exit(process.exitCode ?? 0)
