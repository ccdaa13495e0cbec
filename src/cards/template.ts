// A tiny, declarative template language for cards/*.json, small enough for staff to edit safely:
//   "{{path.to.value}}"           replaced by the value (a string made only of one placeholder keeps the raw value)
//   {"$if": "path", ...}          the object is kept only when the value is truthy (non-empty for arrays)
//   {"$unless": "path", ...}      the opposite
//   {"$each": "path", "$as": "x", "$do": {...}}   inside an array: one copy of $do per element, `x` bound to it
//                                               ($do may be an array: several items per element)
// Unknown placeholders render as an empty string, never as "undefined".
import { AppError } from '../errors.ts'
import { type CardModel, cardModelSchema } from './model.ts'

type Scope = Record<string, unknown>
const WHOLE = /^\{\{\s*([\w.]+)\s*\}\}$/
const ANY = /\{\{\s*([\w.]+)\s*\}\}/g

export function lookup(scope: Scope, path: string): unknown {
  let current: unknown = scope
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value)
}

function fillString(text: string, scope: Scope): unknown {
  const whole = WHOLE.exec(text)
  if (whole) {
    const value = lookup(scope, whole[1]!)
    return value === undefined || value === null ? '' : value
  }
  return text.replace(ANY, (_, path: string) => {
    const value = lookup(scope, path)
    return value === undefined || value === null ? '' : String(value)
  })
}

function fill(node: unknown, scope: Scope): unknown {
  if (typeof node === 'string') return fillString(node, scope)
  if (Array.isArray(node)) return node.flatMap((item) => fillArrayItem(item, scope))
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('$')) continue
      out[key] = fill(value, scope)
    }
    return out
  }
  return node
}

function fillArrayItem(item: unknown, scope: Scope): unknown[] {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [fill(item, scope)]
  const node = item as Record<string, unknown>
  if (typeof node.$if === 'string' && !truthy(lookup(scope, node.$if))) return []
  if (typeof node.$unless === 'string' && truthy(lookup(scope, node.$unless))) return []
  if (typeof node.$each === 'string') {
    const list = lookup(scope, node.$each)
    if (!Array.isArray(list)) return []
    const as = typeof node.$as === 'string' ? node.$as : 'item'
    // `$do` may be one item or several (a heading, a text and a note for each element).
    const each = Array.isArray(node.$do) ? node.$do : [node.$do]
    return list.flatMap((element, index) =>
      each
        .flatMap((d) => fillArrayItem(d, { ...scope, [as]: element, index: index + 1 }))
        .filter((x) => x !== undefined),
    )
  }
  return [fill(node, scope)]
}

/** Fills a template's `card` with data and checks the result is a valid neutral card. */
export function fillCardTemplate(name: string, card: unknown, data: Scope): CardModel {
  const filled = fill(card, data) as Record<string, unknown>
  const parsed = cardModelSchema.safeParse({ ...filled, template: name })
  if (!parsed.success) {
    throw new AppError('card_template_invalid', `card template ${name} produced an invalid card`, {
      cause: parsed.error,
    })
  }
  return parsed.data
}
