// A strict validator for the card JSON 2.0 subset our renderer uses. Feishu rejects unknown properties in 2.0, so
// every object here is strict: a property the renderer invents fails the test before it fails in production.
// Rules: docs card-json-v2-structure, card-json-v2-breaking-changes-release-notes, form-container, chart.
import { z } from 'zod'

export const MAX_CARD_BYTES = 30 * 1024

const plainText = z.strictObject({ tag: z.literal('plain_text'), content: z.string().min(1) })
const colors = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
] as const

const behavior = z.discriminatedUnion('type', [
  // SDKs refuse string values: value must be an object.
  z.strictObject({ type: z.literal('callback'), value: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    type: z.literal('open_url'),
    default_url: z.string().url(),
    android_url: z.string().optional(),
    ios_url: z.string().optional(),
    pc_url: z.string().optional(),
  }),
])

const button = z.strictObject({
  tag: z.literal('button'),
  name: z.string().min(1),
  text: plainText,
  type: z.enum([
    'default',
    'primary',
    'danger',
    'text',
    'primary_text',
    'danger_text',
    'primary_filled',
    'danger_filled',
    'laser',
  ]),
  behaviors: z.array(behavior).min(1),
  form_action_type: z.enum(['submit', 'reset']).optional(),
})

const markdown = z.strictObject({
  tag: z.literal('markdown'),
  content: z.string(),
  text_size: z.enum(['heading', 'normal', 'notation']).optional(),
  text_align: z.enum(['left', 'center', 'right']).optional(),
})

const hr = z.strictObject({ tag: z.literal('hr') })

const input = z.strictObject({
  tag: z.literal('input'),
  name: z.string().min(1),
  required: z.boolean().optional(),
  placeholder: plainText.optional(),
  default_value: z.string().optional(),
  input_type: z.enum(['text', 'multiline_text', 'password']).optional(),
  rows: z.number().int().min(1).optional(),
})

const selectStatic = z.strictObject({
  tag: z.literal('select_static'),
  name: z.string().min(1),
  required: z.boolean().optional(),
  placeholder: plainText.optional(),
  initial_option: z.string().optional(),
  options: z.array(z.strictObject({ text: plainText, value: z.string() })).min(1),
})

const chart = z.strictObject({
  tag: z.literal('chart'),
  aspect_ratio: z.enum(['1:1', '2:1', '4:3', '16:9']),
  chart_spec: z.looseObject({ type: z.string(), data: z.unknown() }),
  color_theme: z.string().optional(),
  preview: z.boolean().optional(),
  height: z.string().optional(),
})

type Element = z.infer<typeof markdown> | Record<string, unknown>

const column = (inner: z.ZodType<Element>) =>
  z.strictObject({
    tag: z.literal('column'),
    width: z.union([z.enum(['auto', 'weighted']), z.string().regex(/^\d+px$/)]),
    weight: z.number().int().min(1).max(5).optional(),
    elements: z.array(inner),
  })

// Inside columns and forms: no nested form (forms must sit at the card root).
const leaf: z.ZodType<Element> = z.lazy(() => z.union([markdown, hr, button, chart, input, selectStatic, columnSet]))
const columnSet: z.ZodType<Element> = z.lazy(() =>
  z.strictObject({
    tag: z.literal('column_set'),
    flex_mode: z.enum(['none', 'stretch', 'flow', 'bisect', 'trisect']),
    columns: z.array(column(leaf)).min(1),
  }),
)
const form = z.strictObject({ tag: z.literal('form'), name: z.string().min(1), elements: z.array(leaf).min(1) })

export const cardV2Schema = z.strictObject({
  schema: z.literal('2.0'),
  config: z.strictObject({ update_multi: z.literal(true), width_mode: z.enum(['fill', 'compact']).optional() }),
  header: z.strictObject({ title: plainText, subtitle: plainText.optional(), template: z.enum(colors) }),
  body: z.strictObject({ elements: z.array(z.union([leaf, form])) }),
})

/** Extra rules zod cannot say: unique names, named submit buttons inside forms, size. */
export function cardProblems(card: unknown): string[] {
  const parsed = cardV2Schema.safeParse(card)
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  const names: string[] = []
  const walk = (node: unknown, inForm: boolean) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, inForm)
      return
    }
    if (!node || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    if (typeof record.tag === 'string' && typeof record.name === 'string') names.push(record.name)
    if (record.form_action_type && !inForm) problems.push('submit button outside a form')
    if (record.tag === 'form' && !JSON.stringify(record).includes('"form_action_type":"submit"'))
      problems.push('form without submit')
    for (const [key, value] of Object.entries(record))
      if (key !== 'chart_spec') walk(value, inForm || record.tag === 'form')
  }
  walk(card, false)
  if (new Set(names).size !== names.length) problems.push(`duplicate component names: ${names.join(',')}`)
  const bytes = new TextEncoder().encode(JSON.stringify(card)).length
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes (> 30 KB)`)
  return problems
}
