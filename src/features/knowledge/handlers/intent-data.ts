// Reads what the recognizer put in RecognizedIntent.data: a boundary, so it is checked, not trusted.
import { z } from 'zod'
import type { RecognizedIntent } from '../../../bot/handler.ts'

const intentDataSchema = z.object({
  entryIds: z.array(z.string()).default([]),
  scores: z.array(z.number()).optional(),
  reason: z.string().optional(),
  topic: z.string().optional(),
  candidates: z.array(z.string()).optional(),
})

export function intentData(intent: RecognizedIntent) {
  const parsed = intentDataSchema.safeParse(intent.data ?? {})
  return parsed.success ? parsed.data : { entryIds: [] as string[] }
}
