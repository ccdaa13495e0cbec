// `npm run ask` as a user runs it: a real process on a fresh SQLite file, JSON out.
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const run = promisify(execFile)
const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
const env = () => ({
  ...process.env,
  DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'qsbot-ask-')), 'bot.db')}`,
})

test('ask --json "<text>" prints one object with intent, text, cards and citations', async () => {
  const { stdout } = await run(tsx, ['src/cli/ask.ts', '--json', '你能做什么'], { env: env() })
  const answer = JSON.parse(stdout)
  expect(Object.keys(answer).sort()).toEqual(['cards', 'citations', 'intent', 'text'])
  expect(answer.intent).toBe('help')
  expect(answer.text).toContain('质量强企服务助手')
  expect(answer.cards[0].template).toBe('help')
})

test('without text, ask reads one message per line and answers each on its own line', async () => {
  const child = execFile(tsx, ['src/cli/ask.ts', '--json'], { env: env() })
  child.stdin!.end('帮助\n\n菜单\n')
  const out = await new Promise<string>((resolve, reject) => {
    let data = ''
    child.stdout!.on('data', (chunk) => (data += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(data) : reject(new Error(`exit ${code}`))))
  })
  const lines = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  expect(lines.map((l) => l.intent)).toEqual(['help', 'help'])
})

test('one question, one answer: a flow an earlier run left open does not take the next question', async () => {
  const shared = env()
  const first = JSON.parse((await run(tsx, ['src/cli/ask.ts', '--json', '我要申请服务'], { env: shared })).stdout)
  expect(first.text).toContain('请回复序号')
  // Alone, a bare "1" presses nothing and gets the menu; it must not choose a category in the earlier run's flow.
  const second = JSON.parse((await run(tsx, ['src/cli/ask.ts', '--json', '1'], { env: shared })).stdout)
  expect(second.intent).toBe('help')
})

test('invalid configuration: one clear line on stderr and exit code 1', async () => {
  const error = await run(tsx, ['src/cli/ask.ts', '帮助'], { env: { ...env(), PORT: 'abc' } }).catch((e) => e)
  expect(error.code).toBe(1)
  expect(error.stderr.trim().split('\n')).toHaveLength(1)
  expect(error.stderr).toMatch(/PORT/)
})
