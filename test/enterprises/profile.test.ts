// Enterprise profiles: saved and read back with honours and certificates, idempotent demo seed, invalid data
// refused before anything is written, findBoundEnterprise for the other features, credit codes masked in logs.
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { Db } from '../../src/db/client.ts'
import { loadContactFile } from '../../src/features/enterprises/contact.repo.ts'
import { findEnterpriseByCreditCode, saveEnterprise } from '../../src/features/enterprises/enterprise.repo.ts'
import { enterpriseFileSchema } from '../../src/features/enterprises/enterprise.schema.ts'
import { findBoundEnterprise } from '../../src/features/enterprises/enterprise.service.ts'
import { HONOUR_KINDS, HONOUR_LABELS } from '../../src/features/enterprises/honour-kinds.ts'
import { createLogger } from '../../src/log.ts'
import { openTestDb } from '../helpers/db.ts'
import { DEMO, readDemo, seedDemo } from './harness.ts'

let db: Db
let close: () => Promise<void>
beforeEach(async () => {
  ;({ db, close } = await openTestDb())
})
afterEach(() => close())

test('the demo seed is valid, fictional, and idempotent', async () => {
  const file = enterpriseFileSchema.parse(await readDemo('enterprises.json'))
  expect(file.enterprises.length).toBeGreaterThanOrEqual(6)
  for (const e of file.enterprises) expect(e.name).toMatch(/示例.*（演示）$/)
  await seedDemo(db)
  const counts = async () => [
    await db.enterprise.count(),
    await db.honour.count(),
    await db.certificate.count(),
    await db.contact.count(),
  ]
  const first = await counts()
  await seedDemo(db)
  expect(await counts()).toEqual(first)
  const shoes = await findEnterpriseByCreditCode(db, DEMO.shoes)
  expect(shoes?.honours[0]).toMatchObject({ kind: 'gov_quality_award', level: '区', year: 2023 })
  expect(shoes?.certificates[0]?.expiresAt).toEqual(new Date('2027-02-28T00:00:00Z'))
})

test('a profile is saved as a whole: saving again replaces its honours and certificates', async () => {
  const base = { name: '测试企业（演示）', creditCode: DEMO.carParts.toLowerCase(), industry: '汽摩配' as const }
  await saveEnterprise(db, { ...base, honours: [{ kind: 'benchmarking', title: '对标达标' }] })
  const saved = await saveEnterprise(db, {
    ...base,
    honours: [{ kind: 'gov_quality_award', level: '市', year: 2024, title: '市级' }],
  })
  expect(saved.creditCode).toBe(DEMO.carParts)
  expect(saved.honours.map((h) => h.kind)).toEqual(['gov_quality_award'])
})

test('invalid data is refused: a bad check character, an unknown honour kind, an award without a level', async () => {
  const base = { name: '测试企业（演示）', industry: '锁具' as const }
  await expect(saveEnterprise(db, { ...base, creditCode: '91330304MA2DEMX07X' })).rejects.toThrow(/统一社会信用代码/)
  await expect(
    saveEnterprise(db, { ...base, creditCode: DEMO.carParts, honours: [{ kind: 'gold' as never, title: 'x' }] }),
  ).rejects.toThrow(/kind/)
  await expect(
    saveEnterprise(db, { ...base, creditCode: DEMO.carParts, honours: [{ kind: 'gov_quality_award', title: 'x' }] }),
  ).rejects.toThrow(/level/)
  expect(await db.enterprise.count()).toBe(0)
})

test('findBoundEnterprise: the bound enterprise with details, null for unknown or unbound people', async () => {
  await seedDemo(db)
  expect((await findBoundEnterprise(db, 'console', 'demo-boss'))?.name).toBe('瓯海示例鞋业有限公司（演示）')
  expect(await findBoundEnterprise(db, 'console', 'demo-newcomer')).toBeNull()
  expect(await findBoundEnterprise(db, 'feishu', 'demo-boss')).toBeNull()
  await expect(
    loadContactFile(
      db,
      { contacts: [{ platform: 'console', userId: 'x', creditCode: '91350100M000100Y43' }] },
      new Date(),
    ),
  ).rejects.toThrow(/load enterprises first/)
})

test('every honour kind has a Chinese label; credit codes are masked in logs', () => {
  for (const kind of HONOUR_KINDS) expect(HONOUR_LABELS[kind]).toMatch(/\p{Script=Han}/u)
  const lines: string[] = []
  createLogger({ write: (line) => lines.push(line) }).info('binding', {
    creditCode: DEMO.shoes,
    note: `code ${DEMO.glasses}`,
  })
  expect(lines[0]).not.toContain(DEMO.shoes)
  expect(lines[0]).not.toContain(DEMO.glasses)
})
