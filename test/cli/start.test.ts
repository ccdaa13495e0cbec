// `npm start` as an operator runs it: migrations applied, server up on the embedded SQLite, clean shutdown.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { deployMigrations } from '../../src/db/migrate.ts'

let child: ChildProcess | undefined
/** tsx runs the bot in a child process of its own: kill the whole group, or a server is left running. */
const killGroup = (proc: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL') => {
  if (proc?.pid && proc.exitCode === null) {
    try {
      process.kill(-proc.pid, signal)
    } catch {
      // already gone
    }
  }
}
afterEach(() => killGroup(child))

function start(extraEnv: Record<string, string> = {}, dir = mkdtempSync(join(tmpdir(), 'qsbot-start-'))) {
  child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/runtime/node.ts'], {
    detached: true, // a process group of its own (see killGroup)
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${dir}/data/bot.db`, ...extraEnv },
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c) => (stdout += c))
  child.stderr!.on('data', (c) => (stderr += c))
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)))
  return { exited, output: () => ({ stdout, stderr }), dir, child: child! }
}

/** Resolves with the server's URL once it says it is listening. */
function listening(proc: ReturnType<typeof start>) {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const line = proc
        .output()
        .stdout.split('\n')
        .find((l) => l.includes('"msg":"listening"'))
      if (line) {
        clearInterval(timer)
        resolve(JSON.parse(line).url)
      }
    }, 50)
    void proc.exited.then(() => reject(new Error(`exited early: ${proc.output().stderr}`)))
  })
}

test('starts with no configuration, serves /healthz with the database status, stops on SIGTERM', async () => {
  const proc = start()
  const url = await listening(proc)
  const res = await fetch(`${url}/healthz`)
  expect(res.status).toBe(200)
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' })
  expect(proc.output().stdout).toContain('"msg":"database ready"')
  child!.kill('SIGTERM')
  expect(await proc.exited).toBe(0)
}, 30_000)

test('a bad variable stops start-up with one clear line and exit code 1', async () => {
  const proc = start({ FEISHU_MODE: 'carrier-pigeon' })
  expect(await proc.exited).toBe(1)
  expect(proc.output().stderr.trim()).toMatch(/^配置错误 \/ configuration error: invalid configuration — FEISHU_MODE/)
})

test('beside a running bot: migrations are found up to date, and a second start on its port says so in one line', async () => {
  const running = start({ NODE_ENV: 'production', PORT: '0' })
  const url = await listening(running)
  const databaseUrl = `file:${running.dir}/data/bot.db`
  const result = await deployMigrations(databaseUrl)
  expect(result.applied).toEqual([])
  const port = new URL(url).port
  const first = child
  const second = start({ PORT: port, HOST: '127.0.0.1' }, running.dir)
  expect(await second.exited).toBe(1)
  expect(second.output().stderr.trim()).toMatch(/^启动失败 \/ start-up failed: 端口 \d+ 已被占用/)
  killGroup(first)
}, 60_000)
