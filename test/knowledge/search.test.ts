// Tokenizer, BM25F and the index on small hand-made inputs, so each behaviour is pinned down on its own.
import { describe, expect, it } from 'vitest'
import { createBm25Index } from '../../src/features/knowledge/bm25.ts'
import { dictionarySchema } from '../../src/features/knowledge/dictionary.ts'
import type { KnowledgeEntry } from '../../src/features/knowledge/entry.ts'
import { createKnowledgeIndex } from '../../src/features/knowledge/knowledge-index.ts'
import { createTokenizer, normalizeText } from '../../src/features/knowledge/tokenizer.ts'

const dictionary = dictionarySchema.parse({
  words: ['质量贷', '大走访大调研大服务大解题', '大走访'],
  synonyms: { 品字标: ['品字表'], 计量: ['校准', '检定'] },
  stopwords: ['我们', '吗', '能', '怎么'],
  ask_words: ['申请'],
})

describe('tokenizer', () => {
  const tokenizer = createTokenizer(dictionary)

  it('keeps dictionary terms whole where the ICU segmenter would split them', () => {
    expect(tokenizer.tokenize('我们能办质量贷吗').words).toEqual(['办', '质量贷'])
  })

  it('reads aliases and typos as their canonical term', () => {
    expect(tokenizer.tokenize('品字表').words).toEqual(['品字标'])
    expect(tokenizer.tokenize('上门校准').words).toContain('计量')
  })

  it('adds the dictionary pieces of a long domain term', () => {
    expect(tokenizer.tokenize('大走访大调研大服务大解题').words).toEqual(
      expect.arrayContaining(['大走访大调研大服务大解题', '大走访']),
    )
  })

  it('makes character bigrams of CJK runs and normalises full-width forms', () => {
    expect(tokenizer.tokenize('三同，ＡＢ').bigrams).toEqual(['~三同'])
    expect(normalizeText('“品字标” Ｚｈｅｊｉａｎｇ')).toBe('品字标zhejiang')
  })

  it('tells neutral ask words and domain terms apart', () => {
    expect(tokenizer.isNeutral('申请')).toBe(true)
    expect(tokenizer.isDomainTerm('质量贷')).toBe(true)
    expect(tokenizer.isDomainTerm('申请')).toBe(false)
  })
})

describe('BM25F', () => {
  const fields = [
    { name: 'title', weight: 3 },
    { name: 'body', weight: 1 },
  ]
  const index = createBm25Index(
    [
      { fields: { title: ['计量'], body: ['服务'] } },
      { fields: { title: ['标准'], body: ['计量', '服务'] } },
      { fields: { title: ['认证'], body: ['服务'] } },
    ],
    fields,
  )

  it('ranks a title match above a body match', () => {
    const scores = index.score(new Map([['计量', 1]]))
    expect(scores[0]).toBeGreaterThan(scores[1]!)
    expect(scores[2]).toBe(0)
  })

  it('gives a term found everywhere less weight than a rare one', () => {
    expect(index.idf('服务')).toBeLessThan(index.idf('认证'))
    expect(index.idf('不存在')).toBe(0)
    expect(index.maxIdf).toBeGreaterThan(index.idf('认证'))
  })

  it('answers which fields hold a term', () => {
    expect(index.has(1, '计量')).toBe(true)
    expect(index.has(1, '计量', ['title'])).toBe(false)
    expect(index.has(2, '计量')).toBe(false)
  })
})

describe('knowledge index', () => {
  const entry = (id: string, title: string, keywords: string[], answer: string): KnowledgeEntry => ({
    id,
    title,
    section: '三、(一)',
    keywords,
    synonyms: [],
    category: 'other',
    silentOn: [],
    answer,
    source: answer,
    extra: '',
  })
  const index = createKnowledgeIndex(
    [
      entry('loan', '质量贷', ['质量贷', '增信'], '探索推广质量贷。'),
      entry('metrology', '计量服务', ['计量'], '开展计量服务中小微企业行。'),
    ],
    dictionary,
  )

  it('finds the entry and is confident when the question is about it', () => {
    const result = index.search('怎么申请质量贷')
    expect(result.hits[0]?.entry.id).toBe('loan')
    expect(result.confidence).toBeGreaterThanOrEqual(0.5)
  })

  it('survives a typo through bigrams and synonyms', () => {
    expect(index.search('仪器检定').hits[0]?.entry.id).toBe('metrology')
  })

  it('has low confidence when most of the question is unknown to it', () => {
    const result = index.search('今天的天气预报')
    expect(result.confidence).toBeLessThan(0.5)
  })
})
