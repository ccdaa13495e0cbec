// The cards the knowledge feature sends, each bound to the zod schema of the data its template takes.
import { z } from 'zod'
import knowledgeDeclineTemplate from '../../../cards/knowledge-decline.json' with { type: 'json' }
import policyAnswerTemplate from '../../../cards/policy-answer.json' with { type: 'json' }
import policySourceTemplate from '../../../cards/policy-source.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import { SERVICE_CATEGORIES } from './entry.ts'

const category = z.enum(SERVICE_CATEGORIES)

export const policyAnswerDataSchema = z.object({
  title: z.string().min(1),
  /** 2–4 sentences drawn from the entry (or phrased by the LLM from the entries only). */
  answer: z.string().min(1),
  /** 方案未明确…… when the question asks what the plan does not state. */
  silentNote: z.string().default(''),
  citation: z.string().min(1),
  related: z.array(z.object({ title: z.string() })).default([]),
  entry: z.string().min(1),
  category,
  /** The question, shortened: carried by the feedback buttons for staff review. */
  question: z.string().max(60).default(''),
})
export type PolicyAnswerData = z.input<typeof policyAnswerDataSchema>
export const policyAnswerCard = defineCard('policy-answer', policyAnswerTemplate, policyAnswerDataSchema)

export const policySourceDataSchema = z.object({
  title: z.string().min(1),
  source: z.string().min(1),
  citation: z.string().min(1),
  category,
})
export const policySourceCard = defineCard('policy-source', policySourceTemplate, policySourceDataSchema)

export const declineDataSchema = z.object({
  reason: z.string().min(1),
  topics: z.array(z.string()).min(1),
  hint: z.string().default(''),
})
export const declineCard = defineCard('knowledge-decline', knowledgeDeclineTemplate, declineDataSchema)
