// The console's HTTP routes, the local chat simulator (mounted at /simulator): talk to the bot over HTTP as a console
// user, without Feishu or DingTalk. Off in production (SIMULATOR=off or NODE_ENV=production): console identities
// are not verified by anyone.
//   GET  /            the page (server-rendered; its script talks to the routes below)
//   GET  /people      who one can act as
//   POST /messages    one line typed as a person; the answer as text with numbered buttons, plus `view` (HTML)
//   POST /clicks      a real button (or form) pressed on a card in the page
//   POST /pending     what is waiting for a person (after switching to them)
import { Hono } from 'hono'
import { z } from 'zod'
import type { BotCore } from '../../bot/core.ts'
import { botCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import { AppError } from '../../errors.ts'
import { readJson } from '../../http/json.ts'
import { CONSOLE } from './decode.ts'
import { simulatorPage } from './page.ts'
import { defaultPerson, simulatorPeople } from './people.ts'
import type { ConsoleInbox } from './port.ts'
import { type ConsoleTurn, createConsoleSession } from './receive.ts'
import { turnView } from './view.ts'

const who = {
  userId: z.string().trim().min(1).max(64),
  name: z.string().trim().max(64).optional(),
  chatId: z.string().trim().min(1).max(64).optional(),
  chatType: z.enum(['p2p', 'group']).optional(),
}
const turnSchema = z.object({ ...who, text: z.string().max(2000) })
const pendingSchema = z.object(who)
const clickSchema = z.object({
  ...who,
  cardId: z.string().max(64).optional(),
  cardVersion: z.number().int().min(0),
  action: z.string().min(1).max(64),
  value: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  form: z.record(z.string().max(64), z.string().max(2000)).default({}),
})

const withView = (turn: ConsoleTurn) => ({ ...turn, view: turnView(turn) })

export function simulatorRoutes(deps: CoreDeps, inbox: ConsoleInbox, core: BotCore = botCore) {
  // One session per user and chat, so numbered buttons refer to the last card that person saw.
  const sessions = new Map<string, ReturnType<typeof createConsoleSession>>()
  const sessionOf = (turn: z.infer<typeof pendingSchema>) => {
    const key = `${turn.userId}|${turn.chatId ?? ''}`
    let session = sessions.get(key)
    if (!session) {
      session = createConsoleSession(deps, inbox, { ...turn, core })
      sessions.set(key, session)
    }
    return session
  }
  const people = async () => {
    const known = await core.peopleOn(deps, CONSOLE)
    const list = simulatorPeople(known)
    return { list, start: defaultPerson(known, list) }
  }

  const app = new Hono()
  app.get('/', async (c) => {
    const { list, start } = await people()
    const as = c.req.query('as')
    return c.html(simulatorPage(list, list.find((p) => p.userId === as) ?? start))
  })
  app.get('/people', async (c) => c.json(await people()))
  app.post('/messages', async (c) => {
    const turn = await readJson(c, turnSchema)
    if (!turn.text.trim()) throw new AppError('bad_request', 'text must not be empty')
    return c.json(withView(await sessionOf(turn).say(turn.text)))
  })
  app.post('/clicks', async (c) => {
    const click = await readJson(c, clickSchema)
    return c.json(withView(await sessionOf(click).click(click)))
  })
  app.post('/pending', async (c) => {
    const turn = await readJson(c, pendingSchema)
    return c.json(withView(await sessionOf(turn).pending()))
  })
  return app
}
