// README's "试用全部流程（终端）" as a newcomer follows it: the demo seeded with `npm run db:seed -- --demo`, then
// every line of the README's walk-through block typed into one real `npm run chat -- --user demo-boss` process on a
// fresh SQLite file. Each step's answer must hold every phrase the README promises, so the README cannot drift.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, expect, test } from 'vitest'
import { openNodeDb } from '../../src/db/node-db.ts'

const run = promisify(execFile)
const tsx = join(process.cwd(), 'node_modules/.bin/tsx')

interface Step {
  input: string
  expect: string[]
}

/** The README's terminal section: its two commands and the walk-through block (after the `walkthrough` marker). */
function readmeWalkthrough() {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('试用全部流程（终端）'))
  const commands = /```sh\n([\s\S]*?)```/.exec(section)![1]!
  const block = /<!-- walkthrough[^>]*-->\s*```text\n([\s\S]*?)```/.exec(section)![1]!
  const steps: Step[] = block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [input, promised = ''] = line.split('→')
      return {
        input: input!.trim(),
        expect: promised
          .split('；')
          .map((s) => s.trim())
          .filter(Boolean),
      }
    })
  return { commands, steps }
}

let child: ChildProcess | undefined
/** tsx runs the chat in a child process of its own: kill the whole group. */
afterEach(() => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
})

test('the README walk-through runs as written: fee waiver to 李工, approved by 认证检测科负责人, rated', async () => {
  const { commands, steps } = readmeWalkthrough()
  expect(commands).toContain('npm run db:seed -- --demo')
  expect(commands).toContain('npm run chat -- --user demo-boss')
  expect(steps.length).toBeGreaterThan(10)
  for (const step of steps) expect(step.expect, `README step "${step.input}" promises nothing`).not.toEqual([])

  const dir = mkdtempSync(join(tmpdir(), 'qsbot-walk-'))
  const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}` }
  const seeded = await run(tsx, ['src/cli/seed.ts', '--demo'], { env })
  expect(seeded.stdout).toContain('演示数据已载入')

  child = spawn(tsx, ['src/cli/chat.ts', '--user', 'demo-boss'], { env, detached: true })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (err += c))
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)))
  // Lines are read as a stream (src/cli/chat.ts): the whole conversation typed at once, then /quit.
  child.stdin!.end(`${[...steps.map((s) => s.input), '/quit'].join('\n')}\n`)
  expect(await exited, err).toBe(0)

  // Each prompt ("名字> ") is followed by the answer to the line typed there: the banner, then one answer a step.
  const answers = out.split(/(?:^|\n)[^\s>]+> /).slice(1)
  expect(answers.length, out).toBeGreaterThanOrEqual(steps.length)
  steps.forEach((step, i) => {
    for (const phrase of step.expect) expect(answers[i], `step ${i + 1} "${step.input}"`).toContain(phrase)
  })

  // And in the database: the ticket went to 李工, 认证检测科负责人 approved it, the contact's rating is recorded,
  // and the new contact is bound.
  const db = await openNodeDb(env.DATABASE_URL)
  try {
    // The walk-through's own ticket (the demo seed has tickets of its own, none of them a fee waiver for 示例鞋业).
    const ticket = await db.ticket.findFirstOrThrow({
      where: { category: 'fee_waiver', enterprise: { creditCode: '91330304MA2DEMX01A' } },
      include: { assignee: true, satisfaction: true, events: { orderBy: { id: 'asc' } } },
    })
    expect(ticket).toMatchObject({ category: 'fee_waiver', status: 'closed', approvalDepartment: '认证检测科' })
    expect(ticket.assignee?.name).toBe('李工（演示）')
    expect(ticket.events.find((e) => e.action === 'approved')?.actorName).toBe('认证检测科负责人（演示）')
    expect(ticket.satisfaction?.score).toBe(5)
    // The new contact is bound to the enterprise whose credit code they typed, confirmed by 赵工.
    const newcomer = await db.contact.findFirstOrThrow({
      where: { userId: 'demo-newcomer' },
      include: { enterprise: true },
    })
    expect(newcomer.enterprise?.name).toBe('瓯海示例汽摩配有限公司（演示）')
  } finally {
    await db.$disconnect()
  }
}, 90_000)
