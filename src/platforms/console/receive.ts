// One person talking to the bot in a terminal (or through the HTTP simulator): turns typed lines into neutral
// events — a bare number presses that button of the cards last shown, unless it answers the person's active flow
// (the core decides, as for every numbered reply) — and collects what the bot answered.
// Why the console keeps its numbers on screen rather than the core's "latest card in the chat": a terminal shows a
// turn's cards together (a to-do list and up to three work cards), numbered through, and the click runs at once so
// the turn shows its own answer.
// Numbers mean one thing (the rule is in src/bot/numbered-reply.ts): a card's buttons show their own numbers (the
// same action keeps the same number on every version of the card); a second card in the same turn is numbered on
// after the highest number before it. A number presses the card version it was shown on: when that card has changed
// since, the core refuses the click ("卡片已更新，请按最新卡片操作。") and the turn shows the current card.
import { randomUUID } from 'node:crypto'
import { type BotCore, botCore } from '../../bot/core.ts'
import type { HandlerResult } from '../../bot/handler.ts'
import { parseReplyNumber } from '../../bot/numbered-reply.ts'
import type { CardActionEvent, Citation, InboundEvent, OutgoingBody } from '../../bot/types.ts'
import type { CardButton, CardModel } from '../../cards/model.ts'
import { renderCardText } from '../../cards/render-text.ts'
import type { CoreDeps } from '../../deps.ts'
import { CONSOLE, lineToMessage, numberToClick } from './decode.ts'
import type { ConsoleInbox } from './port.ts'

export interface ConsoleTurn {
  intent: string
  /** Everything the bot said, as plain text (cards rendered with numbered buttons). */
  text: string
  cards: CardModel[]
  citations: Citation[]
  /** What other people were sent because of this turn (notifications), for the simulator's side panel. */
  others: { to: string; text: string; body: OutgoingBody }[]
  /** The clicked button's short answer ("已记录"), shown apart from the messages. */
  toast?: string
  /** What this person was shown, in order: texts and cards (as they are now), for the web simulator. */
  items: OutgoingBody[]
}

/** A click on a real button (the web simulator): the card as shown, the button's action and value, form inputs. */
export interface ConsoleClick {
  cardId?: string
  cardVersion: number
  action: string
  value: Record<string, string | number | boolean>
  form?: Record<string, string>
}

export interface ConsoleSessionOptions {
  userId: string
  name?: string
  chatId?: string
  chatType?: 'p2p' | 'group'
  /** Defaults to the real core (src/bot/core.ts). */
  core?: BotCore
}

const notice = (text: string): ConsoleTurn => ({
  intent: 'console',
  text,
  cards: [],
  citations: [],
  others: [],
  items: [{ kind: 'text', text }],
})

export function createConsoleSession(deps: CoreDeps, inbox: ConsoleInbox, options: ConsoleSessionOptions) {
  const core = options.core ?? botCore
  const chat = {
    platform: CONSOLE,
    chatId: options.chatId ?? `p2p-${options.userId}`,
    chatType: options.chatType ?? 'p2p',
  }
  const actor = { platform: CONSOLE, userId: options.userId, name: options.name ?? options.userId }
  let buttons: { n: number; card: CardModel; button: CardButton }[] = []

  async function eventFor(line: string): Promise<InboundEvent | string> {
    const message = lineToMessage(line, chat, actor, deps.clock.now())
    const n = parseReplyNumber(line)
    if (n === null || !buttons.length || (await core.numberAnswersFlow(deps, message))) return message
    const choice = buttons.find((b) => b.n === n)
    if (!choice) return `没有编号为 ${n} 的按钮，请输入其中一个：${buttons.map((b) => b.n).join('、')}。`
    if (!choice.button.action) return `请在浏览器中打开：${choice.button.url ?? ''}`
    return numberToClick(message, choice.card, choice.button)
  }

  /** Turns what the bot sent (and the click's own answer) into one readable turn with numbered buttons. */
  async function present(result: HandlerResult | null): Promise<ConsoleTurn> {
    // A person sees what is sent to this chat and what is sent to them directly (e.g. a staff member's task card);
    // messages for other people are mentioned once as a side note and stay queued for them.
    const mine = inbox.take({ chatId: chat.chatId, userId: actor.userId })
    const others = inbox.unannounced().map((m) => ({
      to: m.address.userId ?? m.address.chatId ?? '',
      text: m.body.kind === 'text' ? m.body.text : renderCardText(m.body.card).text,
      body: m.body,
    }))
    const parts: string[] = []
    const cards: CardModel[] = []
    const response = result?.cardResponse
    if (response?.toast) parts.push(`（${response.toast.text}）`)
    const items = await currentVersions([
      ...(response?.card ? [{ kind: 'card' as const, card: response.card }] : []),
      ...mine.map((m) => m.body),
    ])
    // Numbers keep pointing at the cards last shown until another card is shown (the simulator asks for what is
    // waiting every few seconds, mostly finding nothing; a text such as "确认办结…？回复 1 确认" or a toast leaves
    // them, and a number then pressing an outdated card is refused by the core with the current card).
    if (items.some((item) => item.kind === 'card')) buttons = []
    for (const item of items) {
      if (item.kind === 'text') {
        parts.push(item.text)
        continue
      }
      const rendered = renderCardText(item.card)
      const offset = buttons.reduce((max, b) => Math.max(max, b.n), 0)
      buttons.push(
        ...rendered.buttons.map((button, i) => ({ n: rendered.numbers[i]! + offset, card: item.card, button })),
      )
      parts.push(offset ? rendered.text.replace(/\[(\d+)\]/g, (_, n) => `[${Number(n) + offset}]`) : rendered.text)
      cards.push(item.card)
    }
    return {
      intent: result?.intent ?? 'duplicate',
      text: parts.join('\n\n'),
      cards,
      citations: result?.citations ?? [],
      others,
      items,
      ...(response?.toast ? { toast: response.toast.text } : {}),
    }
  }

  /** Sends one line and waits for the bot's answer, outbox included. */
  async function say(line: string): Promise<ConsoleTurn> {
    const event = await eventFor(line)
    if (typeof event === 'string') return notice(event)
    return run(event)
  }

  async function run(event: InboundEvent): Promise<ConsoleTurn> {
    const result: HandlerResult | null = await core.runEventNow(deps, event)
    await deps.outbox.drain()
    return present(result)
  }

  /** Presses a button of a card shown in the web simulator, as this person in this chat; the core checks the rest. */
  async function click(input: ConsoleClick): Promise<ConsoleTurn> {
    const event: CardActionEvent = {
      eventId: randomUUID(),
      platform: CONSOLE,
      kind: 'card_action',
      chat,
      receivedAt: deps.clock.now(),
      operator: actor,
      cardId: input.cardId || undefined,
      cardVersion: input.cardId ? input.cardVersion : undefined,
      action: input.action,
      value: input.value,
      form: input.form ?? {},
    }
    return run(event)
  }

  /**
   * A terminal cannot edit what it printed, so a card is shown as it is now: one copy per card id, at its latest
   * version (a card may have been decided by someone else since it was queued for this person).
   */
  async function currentVersions(bodies: OutgoingBody[]): Promise<OutgoingBody[]> {
    const latest = new Map<string, CardModel>()
    for (const body of bodies) {
      if (body.kind !== 'card' || !body.card.id) continue
      const stored = await core.sentCard(deps, body.card.id)
      latest.set(body.card.id, stored && stored.version > body.card.version ? stored.model : body.card)
    }
    const shown = new Set<string>()
    return bodies.flatMap((body) => {
      if (body.kind !== 'card' || !body.card.id) return [body]
      if (shown.has(body.card.id)) return []
      shown.add(body.card.id)
      return [{ kind: 'card' as const, card: latest.get(body.card.id)! }]
    })
  }

  /** What is waiting for this person without saying anything (after switching identity in the terminal). */
  async function pending(): Promise<ConsoleTurn> {
    await deps.outbox.drain()
    return { ...(await present(null)), intent: 'pending' }
  }

  return { chat, actor, say, click, pending }
}
