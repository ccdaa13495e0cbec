// What the fake open platforms (test/fakes/feishu/server.ts, test/fakes/dingtalk/server.ts) share: the same verbs for
// injecting failures and invalidating tokens, the failure queue behind failNext, answering with an injected failure
// (stalled, dropped or an error), and going offline for a while.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/** The failure-injection and token verbs both fakes offer, under the same names. */
export interface FakeFaults<Failure, Call> {
  /**
   * The next `n` message calls fail this way; with `endpoint` (e.g. `POST /v1.0/robot/groupMessages/send`) the next
   * `n` calls to that endpoint only.
   */
  failNext(n: number, failure: Failure, endpoint?: string): void
  /** Every token issued so far becomes invalid (as after a secret rotation): the next call must fetch a new one. */
  expireTokens(): void
  /** Message calls consult this when no failNext failure is queued for them (undefined: no plan). */
  setFaultPlan(plan?: (index: number, call: Call) => Failure | undefined): void
  /** Stops accepting connections (callers get ECONNREFUSED) and drops open ones; listens again after `ms`. */
  offline(ms: number): Promise<void>
}

/** The failures queued by failNext, in order: each for one endpoint, or for whichever message call comes next. */
export function failureQueue<Failure>() {
  const queued: { failure: Failure; endpoint?: string }[] = []
  return {
    push(n: number, failure: Failure, endpoint?: string) {
      for (let i = 0; i < n; i++) queued.push({ failure, endpoint })
    },
    /** Takes the first failure queued for this call (`endpoint`: `METHOD /path`), if any. */
    take(endpoint: string, message: boolean): Failure | undefined {
      const index = queued.findIndex((q) => (q.endpoint === undefined ? message : q.endpoint === endpoint))
      return index < 0 ? undefined : queued.splice(index, 1)[0]!.failure
    },
  }
}

/** How an injected failure behaves on the wire (the rest of it is the platform's error answer). */
export interface WireFailure {
  /** Drop the connection instead of answering. */
  reset?: boolean
  /** Hold the call this long, then answer with the failure (a caller that went away meanwhile gets nothing). */
  stallMs?: number
}

/** Answers a call with an injected failure: after a stall, by dropping the connection, or with `answer`. */
export function answerWithFailure<F extends WireFailure>(
  req: IncomingMessage,
  res: ServerResponse,
  failure: F,
  answer: (failure: F) => void,
): void {
  if (failure.stallMs) {
    const { stallMs, ...after } = failure
    setTimeout(() => !res.destroyed && answerWithFailure(req, res, after as F, answer), stallMs).unref()
  } else if (failure.reset) req.socket.destroy()
  else answer(failure)
}

/** Closes the listening socket and every connection, then listens on the same port again after `ms`. */
export async function goOffline(server: Server, port: number, ms: number): Promise<void> {
  server.close()
  server.closeAllConnections()
  await new Promise((resolve) => setTimeout(resolve, ms))
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject)
          resolve()
        })
      })
      return
    } catch (error) {
      if (attempt >= 50) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}
