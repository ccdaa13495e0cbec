// The one-stop service catalogue (categories.json, maintained by staff): codes, labels, the department that
// handles each, whether it needs an official's approval, and the words that hint at it in a message.
import { z } from 'zod'
import catalogue from './categories.json' with { type: 'json' }

const categorySchema = z.object({
  code: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(1),
  department: z.string().min(1),
  approvalDepartment: z.string().min(1).nullable(),
  keywords: z.array(z.string()),
})
export type TicketCategory = z.infer<typeof categorySchema>

export const CATEGORIES: TicketCategory[] = z
  .object({ categories: z.array(categorySchema).min(1) })
  .parse(catalogue).categories

const byCode = new Map(CATEGORIES.map((c) => [c.code, c]))
const OTHER = byCode.get('other') ?? CATEGORIES[CATEGORIES.length - 1]!

export const findCategory = (code: string | null | undefined): TicketCategory | undefined =>
  code ? byCode.get(code) : undefined
export const categoryOf = (code: string): TicketCategory => byCode.get(code) ?? OTHER
export const categoryLabel = (code: string) => byCode.get(code)?.label ?? code

/** The category a message talks about: the longest keyword or label found wins (费用减免 over 检测). */
export function detectCategory(text: string): TicketCategory | undefined {
  let best: { category: TicketCategory; length: number } | undefined
  for (const category of CATEGORIES) {
    for (const word of [category.label, ...category.keywords]) {
      if (word && text.includes(word) && (!best || word.length > best.length)) best = { category, length: word.length }
    }
  }
  return best?.category
}

/** The category a typed answer names: its number in the list, its code or its label. */
export function parseCategoryAnswer(answer: string): TicketCategory | undefined {
  const text = answer.trim()
  const index = /^\d{1,2}$/.test(text) ? Number(text) - 1 : -1
  if (index >= 0) return CATEGORIES[index]
  return byCode.get(text) ?? CATEGORIES.find((c) => c.label === text) ?? detectCategory(text)
}

export const categoryMenu = () => CATEGORIES.map((c, i) => `${i + 1}. ${c.label}`).join('\n')
