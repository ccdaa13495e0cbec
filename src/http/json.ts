// Reading a JSON body with a clear 400 instead of a crash: malformed JSON and schema mismatches say what is wrong.
import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError } from '../errors.ts'

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const raw = await c.req.text()
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch (error) {
    throw new AppError('invalid_json', `request body is not valid JSON: ${(error as Error).message}`)
  }
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
    throw new AppError('bad_request', `request body does not match: ${issues}`)
  }
  return parsed.data
}
