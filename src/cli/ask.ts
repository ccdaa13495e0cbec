// `npm run ask -- [--json] [--user id] "<text>"`: one question, one answer, exit. Without text it reads one message
// per line from standard input and answers each (one JSON object per line with --json).
import { createInterface } from 'node:readline'
import { conversationKey } from '../bot/conversation.ts'
import { createConsoleSession } from '../platforms/console/receive.ts'
import { parseArgs } from './args.ts'
import { openLocalCore } from './local-core.ts'

const { flags, text } = parseArgs(process.argv.slice(2), ['user', 'name'])
const json = flags.json === true
const core = await openLocalCore()
const userId = typeof flags.user === 'string' ? flags.user : 'console-user'
const session = createConsoleSession(core.deps, core.inbox, {
  userId,
  name: typeof flags.name === 'string' ? flags.name : undefined,
})
// One question, one answer: a flow left open by an earlier run (or by `npm run chat`) must not take this question.
await core.deps.db.conversation.deleteMany({
  where: {
    key: conversationKey(
      { platform: 'console', chatId: `p2p-${userId}`, chatType: 'p2p' },
      { platform: 'console', userId },
    ),
  },
})

async function answer(line: string) {
  const turn = await session.say(line)
  if (json) {
    const { intent, text: replyText, cards, citations } = turn
    process.stdout.write(`${JSON.stringify({ intent, text: replyText, cards, citations })}\n`)
  } else {
    process.stdout.write(`${turn.text}\n`)
  }
}

if (text.trim()) {
  await answer(text)
} else {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) await answer(line.trim())
  }
}
await core.close()
process.exit(0)
