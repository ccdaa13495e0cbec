// `npm run import -- <kind> <file> [--apply]`: load a spreadsheet (.xlsx, or CSV in UTF-8 or GBK) of enterprises,
// contacts, staff, standards or certificates. A dry run unless --apply: it lists what would be created or updated
// and every row error (row, column, reason); --apply writes everything in one transaction, and only when no row
// has an error. `npm run import -- --template <kind> [--out file.xlsx]` writes the template to fill in.
import { readFile, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { parseEnv } from '../config/env.ts'
import { deployMigrations } from '../db/migrate.ts'
import { openNodeDb } from '../db/node-db.ts'
import { systemClock } from '../deps.ts'
import { FEATURES } from '../features/index.ts'
import { runImport } from '../import/run.ts'
import { importKindsOf, templateWorkbook } from '../import/template.ts'
import { createLogger } from '../log.ts'
import { loadEnvFile } from '../runtime/env-file.ts'
import { printReport } from './import-report.ts'

const KINDS = importKindsOf(FEATURES)
const usage = `用法 / usage:
  npm run import -- <类别> <文件.xlsx|文件.csv> [--apply]     预览（默认）或写入
  npm run import -- --template <类别> [--out 文件.xlsx]      生成导入模板
类别 / kinds: ${KINDS.map((k) => `${k.kind}（${k.label}）`).join('、')}`

const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(`--${name}`)
const optionValue = (name: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}
const positional = argv.filter((a, i) => !a.startsWith('--') && !['--template', '--out'].includes(argv[i - 1] ?? ''))

const templateKind = optionValue('template')
if (templateKind) {
  const kind = KINDS.find((k) => k.kind === templateKind)
  if (!kind) {
    console.error(`没有这个类别：${templateKind}\n${usage}`)
    process.exit(2)
  }
  const out = optionValue('out') ?? `导入模板-${kind.label}.xlsx`
  await writeFile(out, await templateWorkbook(kind))
  console.log(`模板已生成 / template written: ${out}`)
  process.exit(0)
}

const [kindName, file] = positional
const kind = KINDS.find((k) => k.kind === kindName)
if (!kind || !file) {
  console.error(usage)
  process.exit(2)
}
loadEnvFile()
try {
  const { env } = parseEnv(process.env)
  await deployMigrations(env.DATABASE_URL)
  const db = await openNodeDb(env.DATABASE_URL)
  const bytes = new Uint8Array(await readFile(file))
  const log = createLogger({ level: 'warn' })
  const report = await runImport({ db, clock: systemClock, log }, kind, bytes, {
    apply: flag('apply'),
    who: { kind: 'cli', user: userInfo().username },
    via: 'cli',
  })
  printReport(report, flag('apply'))
  await db.$disconnect()
  process.exit(report.errors.length ? 1 : 0)
} catch (error) {
  console.error(`导入失败 / import failed: ${(error as Error).message}`)
  process.exit(1)
}
