// "鞋类有哪些浙江制造标准": lists the standards table for the industry asked about (or the asker's own industry).
import type { MessageHandler } from '../../../bot/handler.ts'
import { findBoundEnterprise } from '../../enterprises/enterprise.service.ts'
import { industrySchema } from '../../enterprises/honour-kinds.ts'
import { renderStandardsList, STANDARDS_SECTION } from '../standards.card.ts'
import { parseStandardsQuestion } from '../standards.question.ts'
import { listStandards } from '../standards.repo.ts'

export const standardsListHandler: MessageHandler = {
  intent: 'standards_list',
  async handle({ deps, event }) {
    const question = parseStandardsQuestion(event.text) ?? { industry: null, own: false, zhejiangMade: true }
    let industry: string | null = question.industry
    if (!industry && question.own) {
      const enterprise = await findBoundEnterprise(deps.db, event.sender.platform, event.sender.userId)
      industry = industrySchema.safeParse(enterprise?.industry).data ?? null
    }
    const kind = question.zhejiangMade ? '浙江制造' : undefined
    const standards = await listStandards(deps.db, { industry: industry ?? undefined, kind })
    const card = renderStandardsList(standards, industry, question.zhejiangMade)
    return {
      intent: 'standards_list',
      citations: [
        {
          id: 'advanced-standards',
          source: `《瓯海区质量强企千百行动方案》${STANDARDS_SECTION}`,
          title: '标准化创新服务',
        },
      ],
      replies: [{ kind: 'card', card }],
    }
  },
}
