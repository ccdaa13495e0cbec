// /admin/api/eligibility-rules: the 质量贷/标准贷 增信 criteria and the programmes the finder suggests, read-only
// (they live in rules/*.yaml, each citing the plan, and are checked by the tests).
import { createRoute, z } from '@hono/zod-openapi'
import { type AdminResource, bearer, errorResponses } from '../../admin/kit.ts'
import { bundledRules } from './rules.bundle.ts'

const rulesRoute = createRoute({
  method: 'get',
  path: '/eligibility-rules',
  tags: ['eligibility-rules'],
  summary: '增信条件和可争创的奖项/认证（只读）',
  security: bearer,
  responses: {
    200: {
      description: 'rules/ 中的规则',
      content: {
        'application/json': {
          schema: z
            .object({
              loan: z.object({ title: z.string(), section: z.string(), criteria: z.array(z.unknown()) }).passthrough(),
              programmes: z.array(z.object({ id: z.string(), title: z.string(), section: z.string() }).passthrough()),
            })
            .openapi('EligibilityRules'),
        },
      },
    },
    ...errorResponses,
  },
})

export const eligibilityAdmin: AdminResource = {
  name: 'eligibility-rules',
  description: '资格规则：质量贷/标准贷增信条件，以及企业还可争创的奖项和认证（只读，维护于 rules/ 目录）。',
  routes(api) {
    api.openapi(rulesRoute, (c) => {
      const { loan, programmes } = bundledRules()
      return c.json({ loan, programmes }, 200)
    })
  },
}
