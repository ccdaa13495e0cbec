// The standards list card: what the table holds for an industry, the plan's context (三、(四)), and an honest
// note when the table has nothing for it.
import { z } from 'zod'
import standardsListTemplate from '../../../cards/standards-list.json' with { type: 'json' }
import { defineCard } from '../../cards/registry.ts'
import type { StandardView } from './standards.schema.ts'

export const STANDARDS_SECTION = '三、(四)'
export const STANDARDS_POLICY =
  '方案提出围绕瓯海鞋服、汽摩配、锁具等优势产业，对辖区内培育企业个性化指导，开展相关培训，扶持企业制定“浙江制造”等先进标准，并加快已立项的“浙江制造”标准等先进标准研制发布进度。'

export const standardsListCard = defineCard(
  'standards-list',
  standardsListTemplate,
  z.object({
    title: z.string().min(1),
    scope: z.string().min(1),
    items: z.array(z.object({ code: z.string(), name: z.string(), status: z.string(), lead: z.string() })),
    empty: z.string().default(''),
    policy: z.string().min(1),
    source: z.string().min(1),
    citation: z.string().min(1),
  }),
)

export function renderStandardsList(standards: StandardView[], industry: string | null, zhejiangMade: boolean) {
  const kind = zhejiangMade ? '“浙江制造”标准' : '先进标准'
  const scope = industry ? `${industry}行业` : '全部行业'
  return standardsListCard({
    title: `${industry ?? ''}${industry ? '行业' : ''}${kind}`,
    scope: `${scope} · 共 ${standards.length} 项`,
    items: standards.map((s) => ({
      code: s.code,
      name: s.name,
      status: s.status,
      lead: s.leadEnterprise ?? '未登记',
    })),
    empty: standards.length
      ? ''
      : `标准库中暂时没有${scope}的${kind}记录。标准库由工作人员维护，如需了解最新的立项和研制情况，可以申请标准化服务。`,
    policy: STANDARDS_POLICY,
    source: '以上信息来自工作人员维护的标准库，以标准发布机构公布的文本为准。',
    citation: `依据：《瓯海区质量强企千百行动方案》${STANDARDS_SECTION}`,
  })
}
