// Parses one knowledge/<id>.md file: YAML front matter between `---` lines, then the body whose first paragraph is
// the direct answer and whose `## 原文` section quotes the plan. Errors name the file and the field at fault.
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { frontMatterSchema, type KnowledgeEntry } from './entry.ts'

export class EntryFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`)
    this.name = 'EntryFormatError'
  }
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/
const SOURCE_HEADING = /^##\s*原文\s*$/m

function splitBody(body: string): { answer: string; source: string; extra: string } {
  const heading = SOURCE_HEADING.exec(body)
  const before = heading ? body.slice(0, heading.index) : body
  const after = heading ? body.slice(heading.index + heading[0].length) : ''
  // The source section runs to the next heading of the same or higher level.
  const next = /^#{1,2}\s/m.exec(after)
  const source = (next ? after.slice(0, next.index) : after).trim()
  const paragraphs = before.trim().split(/\r?\n\s*\r?\n/)
  const answer = (paragraphs.shift() ?? '').replace(/\s*\r?\n\s*/g, '').trim()
  const extra = [paragraphs.join('\n\n'), next ? after.slice(next.index) : ''].join('\n').trim()
  return { answer, source, extra }
}

/** Parses and validates one entry file; throws EntryFormatError listing every problem. */
export function parseEntryFile(text: string, file: string): KnowledgeEntry {
  const match = FRONT_MATTER.exec(text)
  if (!match) throw new EntryFormatError(file, ['missing front matter (a block between two `---` lines at the top)'])
  let raw: unknown
  try {
    raw = parseYaml(match[1]!)
  } catch (error) {
    throw new EntryFormatError(file, [`front matter is not valid YAML: ${(error as Error).message}`])
  }
  const parsed = frontMatterSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    throw new EntryFormatError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`),
    )
  }
  const { answer, source, extra } = splitBody(match[2]!)
  const problems: string[] = []
  if (!answer) problems.push('the body must start with a short direct answer paragraph')
  if (!source) problems.push('the body needs a `## 原文` section quoting the plan')
  if (problems.length) throw new EntryFormatError(file, problems)
  const fm = parsed.data
  return {
    id: fm.id,
    title: fm.title,
    section: fm.section,
    keywords: fm.keywords,
    synonyms: fm.synonyms,
    category: fm.category,
    silentOn: fm.silent_on,
    facts: fm.facts,
    audience: fm.audience,
    answer,
    source,
    extra,
  }
}

/** Checks a set of entries as a whole: unique ids. Returns problems rather than throwing. */
export function checkEntries(entries: KnowledgeEntry[]): string[] {
  const seen = new Set<string>()
  const problems: string[] = []
  for (const entry of entries) {
    if (seen.has(entry.id)) problems.push(`duplicate entry id ${entry.id}`)
    seen.add(entry.id)
  }
  return problems
}

export const zodProblems = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
