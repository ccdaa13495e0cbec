// Demo enterprise groups (seed/demo/groups.json): console group chats that receive campaign broadcasts in the
// simulator. Idempotent (upsert on platform and chat id).
import { z } from 'zod'
import type { Seeder } from '../../bot/feature.ts'

const fileSchema = z.object({
  groups: z.array(z.object({ platform: z.string().min(1), chatId: z.string().min(1), title: z.string().min(1) })),
})

export const groupsSeeder: Seeder = {
  name: 'enterprise-groups',
  file: 'groups.json',
  async load(db, data) {
    const { groups } = fileSchema.parse(data)
    for (const g of groups) {
      await db.broadcastGroup.upsert({
        where: { platform_chatId: { platform: g.platform, chatId: g.chatId } },
        create: g,
        update: { title: g.title, active: true },
      })
    }
    return `${groups.length} enterprise groups`
  },
}
