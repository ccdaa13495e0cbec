// The shape of one knowledge entry (knowledge/<id>.md) and of the whole knowledge base. Entries are data that staff
// edit; zod checks them when they are loaded so a typo in front matter is reported with the file name, not at answer
// time.
import { z } from 'zod'
import { type Dictionary, dictionarySchema } from './dictionary.ts'

/** One-stop service categories a ticket can be opened for (shared with the tickets feature). */
export const SERVICE_CATEGORIES = [
  'metrology',
  'standards',
  'certification',
  'testing',
  'quality_mgmt',
  'ip',
  'brand',
  'training',
  'quality_loan',
  'fee_waiver',
  'other',
] as const
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]

/** How every answer names its source. */
export const POLICY_NAME = '《瓯海区质量强企千百行动方案》'

const phrase = z.string().trim().min(1)

/** A direct answer the entry gives when the question asks for it (几级, 多少家, 哪些单位 …), quoted from the plan. */
export const factSchema = z
  .object({
    /** Phrasings that ask for this fact (any one in the question). */
    ask: z.array(phrase).min(1),
    /** The direct answer, one sentence; its figures must all be in `quote`. */
    say: phrase,
    /** The plan's words it rests on, verbatim (checked against knowledge/source/policy.txt). */
    quote: phrase,
    /** The clause `quote` is from, when not the entry's own (it is then cited too). */
    section: phrase.optional(),
  })
  .strict()
export type Fact = z.infer<typeof factSchema>

/** Who a measure is for, when the plan names them (眼镜行业): a question from anyone else is told so first. */
export const audienceSchema = z
  .object({
    who: phrase,
    /** Words that name them in a question (眼镜); other sector words (dictionary `sectors`) name someone else. */
    terms: z.array(phrase).min(1),
  })
  .strict()

export const frontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case (a-z, 0-9, -)'),
    title: phrase,
    /** Where in the plan, e.g. `三、(四)`. */
    section: phrase,
    keywords: z.array(phrase).min(1),
    synonyms: z.array(phrase).default([]),
    category: z.enum(SERVICE_CATEGORIES),
    /** Labels (keys of `silent_cues` in _dictionary.yaml) of things the plan does not state for this topic. */
    silent_on: z.array(phrase).default([]),
    facts: z.array(factSchema).default([]),
    audience: audienceSchema.optional(),
  })
  .strict()
export type FrontMatter = z.infer<typeof frontMatterSchema>

export const knowledgeEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  section: z.string(),
  keywords: z.array(z.string()),
  synonyms: z.array(z.string()),
  category: z.enum(SERVICE_CATEGORIES),
  silentOn: z.array(z.string()),
  facts: z.array(factSchema).optional(),
  audience: audienceSchema.optional(),
  /** The short direct answer: the first paragraph of the body. */
  answer: z.string().min(1),
  /** The exact policy sentence(s) quoted under `## 原文`. */
  source: z.string().min(1),
  /** Everything else in the body (extra explanation), indexed but not shown by default. */
  extra: z.string().default(''),
})
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>

export const knowledgeBaseSchema = z.object({
  entries: z.array(knowledgeEntrySchema),
  dictionary: dictionarySchema,
  /** The plan's text (knowledge/source/policy.txt): every clause is answerable when no entry is sure. */
  plan: z.string().optional(),
})
export type KnowledgeBase = { entries: KnowledgeEntry[]; dictionary: Dictionary; plan?: string }

/** `依据：《瓯海区质量强企千百行动方案》三、(四)` without the prefix. */
export const citeSource = (entry: Pick<KnowledgeEntry, 'section'>) => `${POLICY_NAME}${entry.section}`
