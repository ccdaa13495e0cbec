// The console's HTTP routes, the local chat simulator (mounted at /simulator): talk to the bot over HTTP as a console
// user, without Feishu or DingTalk. Off in production (SIMULATOR=off or NODE_ENV=production): console identities
// are not verified by anyone.
import { Hono } from 'hono'
import { z } from 'zod'
import type { BotCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { readJson } from '../../http/json.ts'
import { SIMULATOR_PAGE } from './page.ts'
import type { ConsoleInbox } from './port.ts'
import { createConsoleSession } from './receive.ts'

const turnSchema = z.object({
  userId: z.string().trim().min(1).max(64),
  name: z.string().trim().max(64).optional(),
  chatId: z.string().trim().min(1).max(64).optional(),
  chatType: z.enum(['p2p', 'group']).optional(),
  text: z.string().max(2000),
})

export function simulatorRoutes(deps: CoreDeps, inbox: ConsoleInbox, core?: BotCore) {
  // One session per user and chat, so numbered buttons refer to the last card that person saw.
  const sessions = new Map<string, ReturnType<typeof createConsoleSession>>()
  const app = new Hono()
  app.get('/', (c) => c.html(SIMULATOR_PAGE))
  app.post('/messages', async (c) => {
    const turn = await readJson(c, turnSchema)
    if (!turn.text.trim()) throw new AppError('bad_request', 'text must not be empty')
    const key = `${turn.userId}|${turn.chatId ?? ''}`
    let session = sessions.get(key)
    if (!session) {
      session = createConsoleSession(deps, inbox, { ...turn, core })
      sessions.set(key, session)
    }
    return c.json(await session.say(turn.text))
  })
  return app
}
