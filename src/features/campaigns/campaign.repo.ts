// Campaign rows and their audience: the enterprise group chats staff registered (EnterpriseGroup).
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'

export const findCampaign = (db: DbOrTx, id: number) => db.campaign.findUnique({ where: { id } })
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>

export const activeGroups = (db: DbOrTx) =>
  db.enterpriseGroup.findMany({ where: { active: true }, orderBy: { id: 'asc' } })

/** “共 3 个企业群（飞书 2 个、钉钉 1 个）”: how many groups a broadcast would reach, per platform. */
export async function audiencePreview(deps: { db: DbOrTx; capabilities: CoreDeps['capabilities'] }): Promise<string> {
  const groups = await activeGroups(deps.db)
  if (!groups.length) return '暂无已登记的企业群（工作人员可在企业群中发送“登记企业群”）'
  const counts = new Map<string, number>()
  for (const g of groups) counts.set(g.platform, (counts.get(g.platform) ?? 0) + 1)
  const parts = [...counts].map(([platform, n]) => `${deps.capabilities(platform).label} ${n} 个`)
  return `共 ${groups.length} 个企业群（${parts.join('、')}）`
}
