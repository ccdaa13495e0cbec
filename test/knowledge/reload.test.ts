// Staff edit knowledge/ while the bot runs: a saved change is picked up, a broken one is ignored.
import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchKnowledgeDir } from '../../src/features/knowledge/load-dir.ts'
import { loadKnowledgeService } from '../../src/features/knowledge/node.ts'
import { createLogger } from '../../src/log.ts'
import { entryFile, KNOWLEDGE_DIR } from './helpers.ts'

const NEW_ENTRY = entryFile(
  'id: test-new-topic\ntitle: 测试新条目\nsection: 三、(七)\nkeywords: [琉璃瓦检测]\ncategory: testing',
  '这是工作人员新增的条目。\n\n## 原文\n优化质量基础设施“一站式”服务。',
)

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25))
  return check()
}

describe('reloading knowledge/', () => {
  it('answers from a newly saved entry without a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qsbot-kb-'))
    await cp(KNOWLEDGE_DIR, dir, { recursive: true })
    const log = createLogger({ level: 'error', write: () => {} })
    const { service, stop } = await loadKnowledgeService(dir, { watch: true, log })
    try {
      expect(service.get('test-new-topic')).toBeUndefined()
      await writeFile(join(dir, 'test-new-topic.md'), NEW_ENTRY)
      expect(await until(() => service.get('test-new-topic') !== undefined)).toBe(true)
      expect(service.classify('琉璃瓦检测').data.entryIds[0]).toBe('test-new-topic')
    } finally {
      stop()
    }
  })

  it('keeps the last good version when an edit is broken, and logs it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qsbot-kb-'))
    await cp(KNOWLEDGE_DIR, dir, { recursive: true })
    const lines: string[] = []
    const log = createLogger({ level: 'error', write: (line) => lines.push(line) })
    const applied: number[] = []
    const stop = watchKnowledgeDir(dir, (kb) => applied.push(kb.entries.length), log, 50)
    try {
      await writeFile(join(dir, 'three-same.md'), '---\nid: three-same\n---\n没有原文')
      expect(await until(() => lines.length > 0)).toBe(true)
      expect(lines[0]).toContain('knowledge reload failed')
      expect(applied).toEqual([])
    } finally {
      stop()
    }
  })
})
