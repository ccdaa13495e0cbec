// The admin API (/admin/api): the core's resources (jobs, outbox, audit) and every feature's `admin`, one OpenAPI
// 3.1 document generated from the same zod schemas that validate the requests (/admin/api/openapi.json), and a
// reference page drawn from that document on the server (/admin/api/docs; no script, no CDN).
import type { Feature } from '../bot/feature.ts'
import type { CoreDeps } from '../deps.ts'
import { reportSheetsOf } from '../export/report-sheet.ts'
import { importKindsOf } from '../import/template.ts'
import { jobsOf } from '../jobs/registry.ts'
import { type AdminApi, type AdminResource, createAdminApi } from './kit.ts'
import { referencePage } from './reference-page.tsx'
import { auditResource } from './resources/audit.ts'
import { jobsResource } from './resources/jobs.ts'
import { outboxResource } from './resources/outbox.ts'
import { spreadsheetsResource } from './resources/spreadsheets.ts'

export const OPENAPI_INFO = {
  title: '质量强企服务助手 · 管理接口',
  version: '1',
  description:
    '瓯海区市场监督管理局“质量强企千百行动”服务助手的管理接口。以 `Authorization: Bearer <ADMIN_TOKEN>` 调用，' +
    '或使用控制台登录后的会话（写操作需带 `X-CSRF-Token`）。输入有误时返回 422 并逐字段说明；列表分页参数为 page、pageSize。',
}

export function adminResources(features: readonly Feature[]): AdminResource[] {
  const resources = [
    ...features.flatMap((f) => f.admin ?? []),
    jobsResource(jobsOf(features)),
    spreadsheetsResource(importKindsOf(features), reportSheetsOf(features)),
    outboxResource,
    auditResource,
  ]
  const seen = new Set<string>()
  for (const r of resources) {
    if (seen.has(r.name)) throw new Error(`two admin resources named ${r.name}`)
    seen.add(r.name)
  }
  return resources
}

export function openApiDocument(api: AdminApi, resources: AdminResource[]) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: OPENAPI_INFO,
    servers: [{ url: '/admin/api' }],
    tags: resources.map((r) => ({ name: r.name, description: r.description })),
  })
}

export function buildAdminApi(deps: CoreDeps, features: readonly Feature[]): AdminApi {
  const api = createAdminApi()
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN（脚本和初次配置用）',
  })
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'qs_session',
    description: '控制台登录会话（飞书或钉钉登录）；写操作另需 X-CSRF-Token 请求头',
  })
  const resources = adminResources(features)
  for (const resource of resources) resource.routes(api, deps)
  // Built on first request, after every route is registered.
  let document: ReturnType<typeof openApiDocument> | undefined
  const doc = () => {
    document ??= openApiDocument(api, resources)
    return document
  }
  api.get('/openapi.json', (c) => c.json(doc()))
  api.get('/docs', (c) => c.html(referencePage(doc())))
  return api
}
