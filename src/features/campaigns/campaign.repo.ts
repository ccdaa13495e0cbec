// Campaign rows and their audience: the enterprise group chats staff registered, with “登记企业群” (BroadcastGroup)
// or for one enterprise with “登记企业群 <信用代码>” (EnterpriseGroup, the alerts feature's routing), each chat once.
import type { DbOrTx } from '../../db/client.ts'
import type { CoreDeps } from '../../deps.ts'

export const findCampaign = (db: DbOrTx, id: number) => db.campaign.findUnique({ where: { id } })
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>

export async function activeGroups(db: DbOrTx): Promise<{ platform: string; chatId: string }[]> {
  const [broadcast, enterprise] = await Promise.all([
    db.broadcastGroup.findMany({
      where: { active: true },
      orderBy: { id: 'asc' },
      select: { platform: true, chatId: true },
    }),
    db.enterpriseGroup.findMany({ orderBy: { id: 'asc' }, select: { platform: true, chatId: true } }),
  ])
  const seen = new Set<string>()
  return [...broadcast, ...enterprise].filter((g) => {
    const key = `${g.platform}\u0000${g.chatId}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** “共 3 个企业群（飞书 2 个、钉钉 1 个）”: how many groups a broadcast would reach, per platform. */
export async function audiencePreview(deps: { db: DbOrTx; capabilities: CoreDeps['capabilities'] }): Promise<string> {
  const groups = await activeGroups(deps.db)
  if (!groups.length) return '暂无已登记的企业群（工作人员可在企业群中发送“登记企业群”）'
  const counts = new Map<string, number>()
  for (const g of groups) counts.set(g.platform, (counts.get(g.platform) ?? 0) + 1)
  const parts = [...counts].map(([platform, n]) => `${deps.capabilities(platform).label} ${n} 个`)
  return `共 ${groups.length} 个企业群（${parts.join('、')}）`
}
