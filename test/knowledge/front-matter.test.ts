import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundleKnowledge } from '../../scripts/bundle-knowledge.ts'
import { EntryFormatError, parseEntryFile } from '../../src/features/knowledge/front-matter.ts'
import { parseKnowledgeBundle, toBundle } from '../../src/features/knowledge/load-bundle.ts'
import { loadKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { entryFile, KNOWLEDGE_DIR, VALID_FRONT } from './helpers.ts'

const problemsOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    if (error instanceof EntryFormatError) return error.problems.join('\n')
    throw error
  }
  return ''
}

describe('entry files', () => {
  it('parses front matter, the direct answer and the quoted source', () => {
    const body = '第一段\n接着第一段。\n\n补充说明。\n\n## 原文\n原文一。\n原文二。'
    const entry = parseEntryFile(entryFile(`${VALID_FRONT}\nsynonyms: [样例]\nsilent_on: [具体金额]`, body), 'x.md')
    expect(entry).toMatchObject({
      id: 'sample-entry',
      section: '三、(四)',
      synonyms: ['样例'],
      silentOn: ['具体金额'],
      answer: '第一段接着第一段。',
      source: '原文一。\n原文二。',
      extra: '补充说明。',
    })
  })

  it.each([
    ['no front matter', '只有正文', 'missing front matter'],
    ['bad id', entryFile(VALID_FRONT.replace('sample-entry', 'Sample_Entry')), 'id must be kebab-case'],
    ['unknown category', entryFile(VALID_FRONT.replace('standards', 'money')), 'category'],
    ['unknown field', entryFile(`${VALID_FRONT}\nanswer: 写在这里`), 'answer'],
    ['no keywords', entryFile(VALID_FRONT.replace('keywords: [示例]', 'keywords: []')), 'keywords'],
    ['no source section', entryFile(VALID_FRONT, '只有回答。'), '原文'],
    ['invalid yaml', entryFile('id: [unclosed'), 'not valid YAML'],
  ])('rejects %s with a message naming the problem', (_, text, expected) => {
    expect(problemsOf(() => parseEntryFile(text, 'bad.md'))).toContain(expected)
  })
})

describe('loading a directory', () => {
  const dirWith = async (files: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'qsbot-kb-'))
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    return dir
  }

  it('loads the real knowledge base with its dictionary', async () => {
    const kb = await loadKnowledgeDir(KNOWLEDGE_DIR)
    expect(kb.entries.length).toBeGreaterThanOrEqual(25)
    expect(kb.dictionary.synonyms).toHaveProperty('质量贷')
  })

  it('reads only top-level files: knowledge/source/ (the plan text and its README) holds no entries', async () => {
    const dir = await dirWith({ 'sample-entry.md': entryFile(VALID_FRONT) })
    await mkdir(join(dir, 'source'))
    await writeFile(join(dir, 'source', 'README.md'), '# 方案原文\n\nNot an entry: no front matter.\n')
    await writeFile(join(dir, 'source', 'policy.txt'), '一、总体要求\n')
    expect((await loadKnowledgeDir(dir)).entries.map((e) => e.id)).toEqual(['sample-entry'])
  })

  it('refuses an entry whose id does not match its file name', async () => {
    const dir = await dirWith({ 'other-name.md': entryFile(VALID_FRONT) })
    await expect(loadKnowledgeDir(dir)).rejects.toThrow(/must match its file name/)
  })

  it('refuses a broken dictionary, naming the file', async () => {
    const dir = await dirWith({
      'sample-entry.md': entryFile(VALID_FRONT),
      '_dictionary.yaml': 'intents:\n  ticket: ["(unclosed"]\n',
    })
    await expect(loadKnowledgeDir(dir)).rejects.toThrow(/_dictionary\.yaml.*regular expression/)
  })

  it('bundles to JSON for Workers and reads it back identically', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'qsbot-bundle-')), 'knowledge.json')
    await bundleKnowledge(KNOWLEDGE_DIR, out)
    const { readFile } = await import('node:fs/promises')
    const bundled = parseKnowledgeBundle(JSON.parse(await readFile(out, 'utf8')))
    expect(toBundle(bundled)).toEqual(toBundle(await loadKnowledgeDir(KNOWLEDGE_DIR)))
  })

  it('refuses a bundle with duplicate ids', async () => {
    const kb = await loadKnowledgeDir(KNOWLEDGE_DIR)
    const json = toBundle({ ...kb, entries: [kb.entries[0]!, kb.entries[0]!] })
    expect(() => parseKnowledgeBundle(json)).toThrow(/duplicate entry id/)
  })
})
