// The background thread (Node, PROCESSING=thread): processes stored inbound events, delivers the outbox and runs
// the scheduled jobs, so none of that shares an event loop with the webhook acknowledgements on the main thread.
// It has its own database connection, knowledge base and platform ports; the main thread only hands it event ids
// (src/runtime/background-host.ts). Started as a worker_threads Worker, never imported.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { createIncarnation, takeOverStranded } from '../bot/incarnation.ts'
import { pendingEventsLoop } from '../bot/pipeline.ts'
import { openNodeDb } from '../db/node-db.ts'
import { systemClock } from '../deps.ts'
import { FEATURES } from '../features/index.ts'
import { loadKnowledgeService } from '../features/knowledge/node.ts'
import { startNodeScheduler } from '../jobs/node-scheduler.ts'
import { jobsOf } from '../jobs/registry.ts'
import { createLogger } from '../log.ts'
import type { BackgroundThreadData, FromBackground, ToBackground } from './background-messages.ts'
import { backgroundRunner, buildCore } from './core.ts'
import { hostProcess } from './host-process.ts'
import { createPlatforms } from './platforms.ts'
import { resvgPng } from './png.ts'

const port = parentPort
if (!port) throw new Error('background-thread.ts runs as a worker thread (see background-host.ts)')
const { config, scheduler, previousIncarnation } = workerData as BackgroundThreadData
const post = (message: FromBackground) => port.postMessage(message)

const NICENESS = 10

/**
 * On Linux a thread has its own nice value: this one yields the CPU to the thread that acknowledges webhooks
 * whenever both want it (a burst on a small machine), and still gets all of it otherwise.
 */
function lowerOwnPriority(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop())
    setPriority(threadId, NICENESS)
    return true
  } catch {
    return false // not Linux, or not allowed: the thread runs at normal priority
  }
}

// Lines go to the main thread's logger, so there is one log stream (and tests can read it).
const log = createLogger({ level: config.env.LOG_LEVEL, write: (line, level) => post({ type: 'log', level, line }) })
log.info('background thread starting', { lowerPriority: lowerOwnPriority() })

const db = await openNodeDb(config.env.DATABASE_URL) // this connection also checkpoints the WAL
const knowledge = await loadKnowledgeService(config.env.KNOWLEDGE_DIR, { watch: true, log })
const runner = backgroundRunner(log)
const incarnation = createIncarnation(db, 'background', log, hostProcess())
const deps = buildCore({
  config,
  db,
  log,
  clock: systemClock,
  defer: runner.defer,
  knowledge: knowledge.service,
  features: FEATURES,
  png: resvgPng,
  incarnation,
})
// For their outgoing ports and capabilities: webhooks and long connections stay on the main thread.
createPlatforms(deps)
// Event ids from the main thread only say "there is work": the loop takes it from the database, oldest first.
const events = pendingEventsLoop(deps)
deps.processLater = events.signal
const idle = async () => {
  await events.idle()
  await runner.idle()
}
const jobs = scheduler ? startNodeScheduler(deps, jobsOf(FEATURES)) : undefined

async function stop() {
  jobs?.stop()
  knowledge.stop()
  await idle()
  await incarnation.stop()
  await db.$disconnect()
  process.exit(0) // ends this thread only; whatever the SDK clients keep open goes with it
}

port.on('message', (message: ToBackground) => {
  switch (message.type) {
    case 'event':
      deps.processLater(message.id)
      return
    case 'kick':
      deps.outbox.kick(message.platform)
      return
    case 'call': {
      const work = message.call === 'drain' ? deps.outbox.drain() : idle().then(() => 0)
      void work.then(
        (value) => post({ type: 'result', seq: message.seq, value }),
        (error) => {
          log.error('background call failed', { call: message.call, error })
          post({ type: 'result', seq: message.seq, value: 0 })
        },
      )
      return
    }
    case 'stop':
      void stop()
  }
})

// Work the thread before this one (or a process before this one) had claimed when it died is taken back first,
// then events stored while no thread was running are processed, oldest first.
if (previousIncarnation) await db.incarnation.deleteMany({ where: { id: previousIncarnation } })
await takeOverStranded(deps, { process: events.signal })
incarnation.keepAlive(() => takeOverStranded(deps, { process: events.signal }))
events.signal()
deps.outbox.kick()
// A digest missed while the bot was down goes out now, once (src/jobs/catch-up.ts).
if (jobs) runner.defer(() => jobs.catchUp())
post({ type: 'ready', incarnation: incarnation.id })
