// The local chat simulator: talk to the bot over HTTP as a console user, without Feishu or DingTalk.
// Off in production (SIMULATOR=off or NODE_ENV=production): console identities are not verified by anyone.
import { Hono } from 'hono'
import { z } from 'zod'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import type { ConsoleInbox } from '../platforms/console/port.ts'
import { createConsoleSession } from '../platforms/console/session.ts'
import { readJson } from './json.ts'
import { SIMULATOR_PAGE } from './simulator.page.ts'

const turnSchema = z.object({
  userId: z.string().trim().min(1).max(64),
  name: z.string().trim().max(64).optional(),
  chatId: z.string().trim().min(1).max(64).optional(),
  chatType: z.enum(['p2p', 'group']).optional(),
  text: z.string().max(2000),
})

export function simulatorRoutes(deps: CoreDeps, inbox: ConsoleInbox) {
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
      session = createConsoleSession(deps, inbox, turn)
      sessions.set(key, session)
    }
    return c.json(await session.say(turn.text))
  })
  return app
}
