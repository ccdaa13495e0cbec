// A stand-in for src/runtime/background-thread.ts that speaks the same messages: the first thread to receive an
// event dies with it (as a thread would on a fatal bug); the threads started after it log every event they get.
import { existsSync, writeFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import type { FromBackground, ToBackground } from '../../src/runtime/background-messages.ts'

const port = parentPort!
const post = (message: FromBackground) => port.postMessage(message)
const marker = process.env.CRASHING_THREAD_MARKER!
const log = (msg: string, fields: Record<string, unknown> = {}) =>
  post({
    type: 'log',
    level: 'info',
    line: JSON.stringify({ time: new Date().toISOString(), level: 'info', msg, ...fields }),
  })

port.on('message', (message: ToBackground) => {
  if (message.type === 'event') {
    if (!existsSync(marker)) {
      writeFileSync(marker, 'crashed once')
      process.exit(1)
    }
    log('stand-in got event', { id: message.id })
  } else if (message.type === 'call') post({ type: 'result', seq: message.seq, value: 0 })
  else if (message.type === 'stop') process.exit(0)
})
post({ type: 'ready' })
