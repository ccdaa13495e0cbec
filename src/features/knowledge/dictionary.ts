// The domain dictionary (knowledge/_dictionary.yaml): segmentation words, synonyms and typos, stopwords,
// out-of-scope topics, intent patterns and the phrasings of things the plan is silent on. Data, not code, so staff
// can teach the bot a new phrasing without a release.
import { z } from 'zod'

const phrase = z.string().trim().min(1)
const pattern = z.string().refine((source) => {
  try {
    new RegExp(source, 'i')
    return true
  } catch {
    return false
  }
}, 'not a valid regular expression')

export const INTENT_PATTERN_NAMES = ['smalltalk', 'help', 'ticket', 'eligibility'] as const

export const dictionarySchema = z
  .object({
    words: z.array(phrase).default([]),
    /** canonical → aliases (colloquial phrasings, typos); every alias is read as its canonical term. */
    synonyms: z.record(phrase, z.array(phrase)).default({}),
    stopwords: z.array(phrase).default([]),
    /** Words that say what kind of answer is wanted (申请, 条件 …): searched, but neutral for confidence. */
    ask_words: z.array(phrase).default([]),
    out_of_scope: z.array(phrase).default([]),
    /**
     * Domain terms that name a kind of help, not a topic (项目资金 for 补贴, 费用): next to an out-of-scope topic
     * ("技改项目补贴什么时候发") they are not enough to answer from the plan.
     */
    broad_terms: z.array(phrase).default([]),
    intents: z
      .object({
        smalltalk: z.array(pattern).default([]),
        help: z.array(pattern).default([]),
        ticket: z.array(pattern).default([]),
        eligibility: z.array(pattern).default([]),
      })
      .default({ smalltalk: [], help: [], ticket: [], eligibility: [] }),
    /** label (as used in an entry's `silent_on`) → phrasings that ask about it. */
    silent_cues: z.record(phrase, z.array(phrase)).default({}),
    /** Labels treated as silent for every entry (the plan states no amounts, dates or phone numbers anywhere). */
    silent_always: z.array(phrase).default([]),
    /** Chinese term → English phrasings ("quality loan"): questions in English or mixed are read in Chinese. */
    english: z.record(phrase, z.array(phrase)).default({}),
    /** Groups of characters typed for one another on a phone (代贷带): a domain term misspelt by one is still found. */
    homophones: z.array(phrase).default([]),
    /** Words naming a trade or sector (服装, 眼镜 …): checked against an entry's `audience`. */
    sectors: z.array(phrase).default([]),
    /** Out-of-scope topics that may qualify a plan term (首席质量官有职称要求吗) rather than be what is asked. */
    qualifiers: z.array(phrase).default([]),
    /** Certificates, licences and standards other bodies issue (`on`), and asking how to get one (`asks`). */
    procedures: z
      .object({ on: z.array(phrase).default([]), asks: z.array(phrase).default([]) })
      .default({ on: [], asks: [] }),
    /** Other districts and cities: a question about their own programmes is out of scope, plan words or not. */
    elsewhere: z.array(phrase).default([]),
  })
  .strict()
export type Dictionary = z.infer<typeof dictionarySchema>

export const emptyDictionary = (): Dictionary => dictionarySchema.parse({})

export interface CompiledPatterns {
  smalltalk: RegExp[]
  help: RegExp[]
  ticket: RegExp[]
  eligibility: RegExp[]
}

export function compilePatterns(dictionary: Dictionary): CompiledPatterns {
  const compile = (list: string[]) => list.map((source) => new RegExp(source, 'i'))
  return {
    smalltalk: compile(dictionary.intents.smalltalk),
    help: compile(dictionary.intents.help),
    ticket: compile(dictionary.intents.ticket),
    eligibility: compile(dictionary.intents.eligibility),
  }
}
