// The cards the knowledge feature sends, each bound to the zod schema of the data its template takes.
import { z } from 'zod'
import knowledgeDeclineTemplate from '../../../cards/knowledge-decline.json' with { type: 'json' }
import policyAnswerTemplate from '../../../cards/policy-answer.json' with { type: 'json' }
import policyAnswersTemplate from '../../../cards/policy-answers.json' with { type: 'json' }
import policySourceTemplate from '../../../cards/policy-source.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import { SERVICE_CATEGORIES } from './entry.ts'

const category = z.enum(SERVICE_CATEGORIES)

export const policyAnswerDataSchema = z.object({
  title: z.string().min(1),
  /** The direct answer to what was asked (a fact, who it is for, or what the plan does not state), shown first. */
  lead: z.string().default(''),
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

const answerPartSchema = z.object({
  /** 一, 二, 三: a Chinese ordinal, so the reply's only digits are the plan's. */
  n: z.string().min(1),
  title: z.string().min(1),
  lead: z.string().default(''),
  answer: z.string().min(1),
  silentNote: z.string().default(''),
  citation: z.string().min(1),
})

/** Up to three questions of one message, each answered with its own citation. */
export const policyAnswersDataSchema = z.object({
  parts: z.array(answerPartSchema).min(2).max(3),
  /** The first part's entry and category: feedback and the 申请服务 button. */
  entry: z.string().min(1),
  category,
  question: z.string().max(60).default(''),
})
export const policyAnswersCard = defineCard('policy-answers', policyAnswersTemplate, policyAnswersDataSchema)

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
