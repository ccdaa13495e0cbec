// Node only: reads knowledge/*.md and knowledge/_dictionary.yaml from a directory, and watches it so staff edits
// take effect without a restart. Files starting with `_` or `.` are not entries, and neither is anything in a
// subfolder (knowledge/source/ holds the plan text the entries quote).
import { type FSWatcher, watch } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { Logger } from '../../log.ts'
import { dictionarySchema, emptyDictionary } from './dictionary.ts'
import type { KnowledgeBase } from './entry.ts'
import { checkEntries, EntryFormatError, parseEntryFile, zodProblems } from './front-matter.ts'

export const DICTIONARY_FILE = '_dictionary.yaml'
/** The plan as published, answered clause by clause when no entry is sure. */
export const PLAN_FILE = 'source/policy.txt'

/** Loads every entry and the dictionary; throws EntryFormatError naming the first bad file. */
export async function loadKnowledgeDir(dir: string): Promise<KnowledgeBase> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md') && !/^[_.]/.test(n)).sort()
  const entries = await Promise.all(names.map(async (n) => parseEntryFile(await readFile(join(dir, n), 'utf8'), n)))
  for (const entry of entries) {
    const expected = `${entry.id}.md`
    if (!names.includes(expected))
      throw new EntryFormatError(expected, [`entry id ${entry.id} must match its file name`])
  }
  const duplicates = checkEntries(entries)
  if (duplicates.length) throw new EntryFormatError(dir, duplicates)
  const plan = (await readFile(join(dir, PLAN_FILE), 'utf8').catch(() => null)) ?? undefined
  const dictionaryText = await readFile(join(dir, DICTIONARY_FILE), 'utf8').catch(() => null)
  if (dictionaryText === null) return { entries, dictionary: emptyDictionary(), plan }
  const parsed = dictionarySchema.safeParse(parseYaml(dictionaryText) ?? {})
  if (!parsed.success) throw new EntryFormatError(DICTIONARY_FILE, zodProblems(parsed.error))
  return { entries, dictionary: parsed.data, plan }
}

/**
 * Reloads the directory after a change (debounced) and hands the new knowledge base to `apply`. A broken edit is
 * logged and ignored, so the bot keeps answering from the last good version. Returns a function that stops watching.
 */
export function watchKnowledgeDir(
  dir: string,
  apply: (kb: KnowledgeBase) => void,
  log: Logger,
  debounceMs = 300,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const reload = () => {
    loadKnowledgeDir(dir).then(
      (kb) => {
        apply(kb)
        log.info('knowledge reloaded', { entries: kb.entries.length })
      },
      (error: unknown) => log.error('knowledge reload failed; keeping the previous version', { error }),
    )
  }
  const watcher: FSWatcher = watch(dir, () => {
    clearTimeout(timer)
    timer = setTimeout(reload, debounceMs)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
