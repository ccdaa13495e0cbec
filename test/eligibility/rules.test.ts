// rules/*.yaml: loaded and zod-checked, errors name the file; the bundle the bot imports matches the files; the
// default rules say only what the plan says (四、(三)).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { bundledRules } from '../../src/features/eligibility/rules.bundle.ts'
import { loadRulesDir } from '../../src/features/eligibility/rules.load-dir.ts'

const RULES = new URL('../../rules/', import.meta.url).pathname
const POLICY = new URL('../../knowledge/source/policy.txt', import.meta.url).pathname

test('the rules files load, and the bundled copy the bot uses is identical (run `npx tsx scripts/bundle-rules.ts`)', async () => {
  const rules = await loadRulesDir(RULES)
  expect(bundledRules()).toEqual(rules)
})

test('the default 增信 criteria are exactly the three honours the plan names, cited to 四、(三)', async () => {
  const { loan } = await loadRulesDir(RULES)
  expect(loan.section).toBe('四、(三)')
  expect(loan.criteria.map((c) => c.honours)).toEqual([
    ['gov_quality_award'],
    ['standard_innovation_award'],
    ['pinzibiao_certification'],
  ])
  const policy = (await readFile(POLICY, 'utf8')).replace(/\s/g, '')
  expect(policy).toContain('将政府质量奖、标准创新贡献奖、品牌认证等荣誉转化为融资“增信”')
  expect(loan.disclaimer).toContain('探索推广')
  expect(loan.disclaimer).toContain('银行')
  // No figures: no amounts, rates or percentages anywhere in the rules.
  expect(JSON.stringify(loan)).not.toMatch(/\d+\s*(万|元|%|％)|利率为|额度为/)
})

test('every programme and next step cites a section of the plan that exists', async () => {
  const { loan, programmes } = await loadRulesDir(RULES)
  const policy = await readFile(POLICY, 'utf8')
  const sections = [...programmes.map((p) => p.section), ...loan.criteria.map((c) => c.next.section)]
  for (const section of sections) {
    const [, part, item] = /^(.+?、)(?:\((.+)\))?$/.exec(section)!
    expect(policy).toContain(part)
    if (item) expect(policy).toContain(`(${item})`)
  }
})

async function brokenDir(loan: string, programmes?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'rules-'))
  await writeFile(join(dir, 'quality-loan.yaml'), loan)
  await writeFile(join(dir, 'programmes.yaml'), programmes ?? (await readFile(join(RULES, 'programmes.yaml'), 'utf8')))
  return dir
}

test('a broken file is refused with its name and the field at fault', async () => {
  const good = await readFile(join(RULES, 'quality-loan.yaml'), 'utf8')
  await expect(loadRulesDir(await brokenDir(good.replace('gov_quality_award', 'gold_medal')))).rejects.toThrow(
    /quality-loan\.yaml: criteria\.0\.honours\.0/,
  )
  await expect(loadRulesDir(await brokenDir(good.replace('section: 四、(三)', 'section: chapter 4')))).rejects.toThrow(
    /quality-loan\.yaml: section/,
  )
  await expect(loadRulesDir(await brokenDir('criteria: [unclosed'))).rejects.toThrow(
    /quality-loan\.yaml: not valid YAML/,
  )
  const programmes = await readFile(join(RULES, 'programmes.yaml'), 'utf8')
  await expect(
    loadRulesDir(await brokenDir(good, programmes.replace('id: benchmarking', 'id: pinzibiao'))),
  ).rejects.toThrow(/programmes\.yaml: duplicate programme id pinzibiao/)
})
