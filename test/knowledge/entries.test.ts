// The real entries against the plan itself: quotes are verbatim, answers add no figures, silent labels are known.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { clauseGrounding } from '../../src/features/knowledge/evaluation/score.ts'
import { inventedFigures } from '../../src/features/knowledge/figures.ts'
import { clauseIdsOf, parsePlan } from '../../src/features/knowledge/plan.ts'
import { POLICY_FILE } from '../eval/evaluate.ts'
import { realKnowledge } from './helpers.ts'

const kb = await realKnowledge()
const policy = await readFile(POLICY_FILE, 'utf8')
const compact = (s: string) => s.replace(/\s+/g, '')
const grounding = clauseGrounding(parsePlan(policy))

describe.each(kb.entries.map((e) => [e.id, e] as const))('entry %s', (_, entry) => {
  it('quotes the plan verbatim under ## 原文', () => {
    for (const line of entry.source.split('\n').filter((l) => l.trim())) {
      expect(compact(policy), line).toContain(compact(line))
    }
  })

  it('states no figure the plan does not contain', () => {
    expect(inventedFigures(`${entry.title}${entry.answer}${entry.extra}`, policy)).toEqual([])
  })

  it('gives a short direct answer (1–4 sentences)', () => {
    const sentences = entry.answer.split(/[。！？]/).filter((s) => s.trim())
    expect(sentences.length).toBeGreaterThanOrEqual(1)
    expect(sentences.length).toBeLessThanOrEqual(4)
  })

  it('states only figures of the clauses it cites (what a reply is checked against)', () => {
    expect(inventedFigures(`${entry.title}${entry.answer}`, grounding(clauseIdsOf(entry.section)))).toEqual([])
  })

  it('quotes each fact verbatim from its clause, and says no figure the quote lacks', () => {
    const bare = (s: string) => s.replace(/[\s“”]/g, '')
    for (const fact of entry.facts ?? []) {
      const clause = grounding(clauseIdsOf(fact.section ?? entry.section))
      expect(bare(clause), fact.quote).toContain(bare(fact.quote))
      expect(inventedFigures(fact.say, fact.quote), fact.say).toEqual([])
    }
  })

  it('uses only silent_on labels the dictionary has phrasings for', () => {
    for (const label of entry.silentOn) expect(Object.keys(kb.dictionary.silent_cues)).toContain(label)
  })
})

describe('inventedFigures', () => {
  it('flags numbers and numeral + unit phrases that are not in the source', () => {
    expect(inventedFigures('补助50万元，培育14家，三个导向', '新增对标达标企业14家以上,三个“一号工程”')).toEqual([
      '50万',
    ])
  })
})
