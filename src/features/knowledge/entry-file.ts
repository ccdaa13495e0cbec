// An entry as its knowledge/<id>.md file: how an edit made in the console gets back into the repository (the edit
// page's 导出 link downloads it; the file replaces knowledge/<id>.md and goes through review, tests and the
// evaluation like any other change). parseEntryFile(entryToMarkdown(e)) gives e back.
import { stringify } from 'yaml'
import type { KnowledgeEntry } from './entry.ts'

export function entryToMarkdown(e: KnowledgeEntry): string {
  const frontMatter = {
    id: e.id,
    title: e.title,
    section: e.section,
    keywords: e.keywords,
    ...(e.synonyms.length ? { synonyms: e.synonyms } : {}),
    category: e.category,
    ...(e.silentOn.length ? { silent_on: e.silentOn } : {}),
    ...(e.facts?.length ? { facts: e.facts } : {}),
    ...(e.audience ? { audience: e.audience } : {}),
  }
  const yaml = stringify(frontMatter, { lineWidth: 0, flowCollectionPadding: false }).trimEnd()
  const extra = e.extra ? `\n${e.extra}\n` : ''
  return `---\n${yaml}\n---\n\n${e.answer}\n${extra}\n## 原文\n\n${e.source}\n`
}
