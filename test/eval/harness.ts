// Asks the bot as a new enterprise contact would: each question in its own fresh chat, through the real dispatcher
// (recognizers, knowledge classifier, handlers) on a real SQLite database loaded with the demo data, so a reply that
// shows another enterprise's records can be caught. What is scored is what the person sees: the rendered replies.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { dispatchMessage } from '../../src/bot/dispatcher.ts'
import { messageEventSchema } from '../../src/bot/types.ts'
import { renderCardText } from '../../src/cards/render-text.ts'
import { seedersOf } from '../../src/cli/seeders.ts'
import { FEATURES } from '../../src/features/index.ts'
import { type BotReply, withoutButtons } from '../../src/features/knowledge/evaluation/score.ts'
import type { KnowledgeService } from '../../src/features/knowledge/service.ts'
import { testCore } from '../helpers/core.ts'
import { ROOT } from './evaluate.ts'

export type { BotReply }

export interface Asker {
  ask(question: string): Promise<BotReply>
  /** Names and credit codes of the enterprises in the database: no reply to a stranger may show them. */
  enterpriseData: string[]
  /** The records staff loaded (the demo data), as text: a feature listing them (标准库) may show their figures. */
  loadedData: string
  close(): Promise<void>
}

export async function openAsker(knowledge?: KnowledgeService): Promise<Asker> {
  const core = await testCore()
  if (knowledge) core.deps.knowledge = knowledge
  let loadedData = ''
  for (const seeder of seedersOf(FEATURES)) {
    const text = await readFile(join(ROOT, 'seed/demo', seeder.file), 'utf8')
    loadedData += text
    await seeder.load(core.deps.db, JSON.parse(text))
  }
  const enterprises = await core.deps.db.enterprise.findMany()
  const enterpriseData = enterprises.flatMap((e) => [e.name, e.creditCode])
  let n = 0
  return {
    enterpriseData,
    loadedData,
    async ask(question) {
      n++
      const event = messageEventSchema.parse({
        kind: 'message',
        eventId: `eval-${n}`,
        platform: 'feishu',
        chat: { platform: 'feishu', chatId: `oc_eval_${n}`, chatType: 'p2p' },
        sender: { platform: 'feishu', userId: `ou_eval_${n}`, name: '企业联系人' },
        text: question,
        receivedAt: core.clock.now(),
      })
      const result = await dispatchMessage(core.deps, event)
      const replies = result.replies ?? []
      const parts = replies.map((r) => (r.kind === 'text' ? r.text : renderCardText(r.card).text))
      const buttons = replies.flatMap((r) =>
        r.kind === 'card' ? renderCardText(r.card).buttons.map((b) => b.label) : [],
      )
      return {
        intent: result.intent,
        text: withoutButtons(parts.join('\n\n')),
        citations: result.citations ?? [],
        buttons,
      }
    },
    close: core.close,
  }
}
