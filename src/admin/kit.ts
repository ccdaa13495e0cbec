// What every admin resource shares: the API object with its 422 hook, pagination, the error shape, and the role
// checks. Resources (src/admin/resources/*, and each feature's `admin`, src/bot/feature.ts) build on this file only.
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import type { AdminEnv } from './env.ts'
import { isAdmin } from './principal.ts'

export type AdminApi = OpenAPIHono<AdminEnv>

/** Field-level messages for input that does not match its schema: 422 with one entry per problem. */
export function createAdminApi(): AdminApi {
  return new OpenAPIHono<AdminEnv>({
    defaultHook: (result, c) => {
      if (result.success) return
      const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
      return c.json({ error: 'validation_failed', message: '输入有误，请按提示修改。', issues }, 422)
    },
  })
}

export const errorSchema = z
  .object({
    error: z.string().openapi({ example: 'forbidden' }),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error')

export const errorResponses = {
  401: { description: '未登录或令牌无效', content: { 'application/json': { schema: errorSchema } } },
  403: { description: '无权进行此操作', content: { 'application/json': { schema: errorSchema } } },
  422: { description: '输入有误（逐字段说明）', content: { 'application/json': { schema: errorSchema } } },
} as const

export const notFoundResponse = {
  404: { description: '未找到', content: { 'application/json': { schema: errorSchema } } },
} as const

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
})

/** A page of `item`: the items, where they are in the whole list, and how many there are in all. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    })
    .openapi(name)

export const skipTake = (q: { page: number; pageSize: number }) => ({
  skip: (q.page - 1) * q.pageSize,
  take: q.pageSize,
})

export const idParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
})

export const bearer: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }]

/** Writes to the directory, imports, jobs and the outbox are for admins. */
export function requireAdmin(c: Context<AdminEnv>) {
  if (!isAdmin(c.get('principal'))) throw new AppError('forbidden', '仅管理员可进行此操作。')
}

/** A resource of the admin API: its routes on the shared API object, under /admin/api/<name>. */
export interface AdminResource {
  /** Path segment and OpenAPI tag, e.g. `enterprises`. */
  name: string
  /** What staff find there, in Chinese (the reference page shows it). */
  description: string
  routes(api: AdminApi, deps: CoreDeps): void
}
