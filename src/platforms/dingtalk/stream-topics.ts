// The two Stream topics this bot subscribes to, feeding the same path as the HTTP routes (receive.ts).
// Robot messages are stored before the ack and processed after it; card clicks run at once and the ack carries
// the card's new cardParamMap (`{"response": …}`), which DingTalk applies in place.
import type { DWClient, DWClientDownStream } from 'dingtalk-stream'
import type { BotCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import type { Logger } from '../../log.ts'
import { receiveCardCallback, receiveRobotMessage } from './receive.ts'

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get'
export const TOPIC_CARD = '/v1.0/card/instances/callback'

export function registerTopics(client: DWClient, deps: CoreDeps, core: BotCore, log: Logger): void {
  const ack = (frame: DWClientDownStream, result: unknown) =>
    client.socketCallBackResponse(frame.headers.messageId, result)

  client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
    void (async () => {
      try {
        const outcome = await receiveRobotMessage(deps, core, JSON.parse(frame.data))
        if (outcome.status === 'invalid') log.warn('stream robot message invalid', { reason: outcome.reason })
        // Stored (or known) before the ack, processed after it: the reply goes out through the outbox.
        ack(frame, {})
      } catch (error) {
        // No ack: DingTalk may push it again, and the msgId de-duplicates a second arrival.
        log.error('stream robot message failed', { error })
      }
    })()
  })

  client.registerCallbackListener(TOPIC_CARD, (frame) => {
    void (async () => {
      try {
        const outcome = await receiveCardCallback(deps, core, JSON.parse(frame.data))
        if (!outcome.ok && !outcome.ignored) log.warn('stream card callback invalid', { reason: outcome.reason })
        ack(frame, outcome.ok ? outcome.response : {})
      } catch (error) {
        log.error('stream card callback failed', { error })
      }
    })()
  })
}
