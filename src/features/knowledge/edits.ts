// What staff may change in an entry from the console or the admin API, and how an edit is laid over the entry from
// knowledge/. Section, clause text, facts and audience stay with the files: they are checked against the plan's
// text by the tests, which a running bot cannot re-run.
import { z } from 'zod'
import type { KnowledgeEntry } from './entry.ts'

export const LIMITS = { title: 40, word: 20, keywords: 12, synonyms: 20, answer: 300, sentences: 4 } as const

const word = z.string().trim().min(1, '不能为空。').max(LIMITS.word, `每个词最多 ${LIMITS.word} 个字。`)

/** The fields an edit replaces (all of them: an edit is the whole editable part of the entry). */
export const editableFieldsSchema = z.object({
  title: z.string().trim().min(1, '请填写标题。').max(LIMITS.title, `标题最多 ${LIMITS.title} 个字。`),
  keywords: z
    .array(word)
    .min(1, '至少填写一个关键词：机器人靠它找到这个条目。')
    .max(LIMITS.keywords, `关键词最多 ${LIMITS.keywords} 个。`),
  synonyms: z.array(word).max(LIMITS.synonyms, `同义词最多 ${LIMITS.synonyms} 个。`).default([]),
  answer: z
    .string()
    .trim()
    .min(1, '请填写回答。')
    .max(LIMITS.answer, `回答最多 ${LIMITS.answer} 个字（一到四句）。`)
    .refine((a) => sentencesOf(a).length <= LIMITS.sentences, `回答最多 ${LIMITS.sentences} 句，请精简。`),
})
export type EditableFields = z.infer<typeof editableFieldsSchema>

/** Sentences as the entries test counts them. */
export const sentencesOf = (text: string) => text.split(/[。！？!?]/).filter((s) => s.trim())

/** Entry id → its edited fields, or null for "back to the file's version". */
export type EntryEdits = ReadonlyMap<string, EditableFields | null>

export const editableOf = (e: KnowledgeEntry): EditableFields => ({
  title: e.title,
  keywords: [...e.keywords],
  synonyms: [...e.synonyms],
  answer: e.answer,
})

export function applyEdits(entries: readonly KnowledgeEntry[], edits: EntryEdits): KnowledgeEntry[] {
  return entries.map((e) => {
    const edit = edits.get(e.id)
    return edit ? { ...e, ...edit } : e
  })
}

/** Words typed one per line or separated by commas (、，,；;) in a form. */
export const splitWords = (text: string) =>
  text
    .split(/[\n\r,，、;；]+/)
    .map((w) => w.trim())
    .filter(Boolean)
