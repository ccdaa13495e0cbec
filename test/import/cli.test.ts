// `npm run import` as staff run it: a real process on a fresh SQLite file. The template, a dry run that writes
// nothing, --apply, and a second --apply of the same file that finds nothing to change; a file with a bad row
// exits 1 and says where.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { readTable } from '../../src/import/table.ts'

const run = promisify(execFile)
const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
const dir = mkdtempSync(join(tmpdir(), 'qsbot-import-'))
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' }
const importCli = (...args: string[]) => run(tsx, ['src/cli/import.ts', ...args], { env })

test('template, dry run, apply, and the same file again', async () => {
  const out = join(dir, 'standards.xlsx')
  await importCli('--template', 'standards', '--out', out)
  expect((await readTable(new Uint8Array(await readFile(out)))).headers).toEqual([
    '标准编号',
    '标准名称',
    '行业',
    '类别',
    '状态',
    '牵头企业',
    '发布日期',
  ])

  const file = 'seed/demo/import-enterprises.csv'
  const dry = await importCli('enterprises', file)
  expect(dry.stdout).toContain('企业：共 3 行；新增 3，更新 0，无变化 0，错误 0')
  expect(dry.stdout).toContain('以上为预览，未写入')
  const applied = await importCli('enterprises', file, '--apply')
  expect(applied.stdout).toContain('已写入。')
  const again = await importCli('enterprises', file, '--apply')
  expect(again.stdout).toContain('无变化 3')
  expect(again.stdout).toContain('没有需要写入的变化')
}, 90_000)

test('a bad row: exit code 1, the row, the column and the reason', async () => {
  const bad = join(dir, 'bad.csv')
  writeFileSync(bad, '企业名称,统一社会信用代码,行业\n某公司,91330304MA2DEMY011,鞋服\n')
  const failed = await importCli('enterprises', bad, '--apply').then(
    () => null,
    (error: { code: number; stdout: string }) => error,
  )
  expect(failed?.code).toBe(1)
  expect(failed?.stdout).toContain('第 2 行 【统一社会信用代码】校验位不正确（按前17位计算，第18位应为 0）')
  expect(failed?.stdout).toContain('有错误，未写入任何数据')
}, 60_000)
