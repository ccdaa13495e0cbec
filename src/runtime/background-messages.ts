// What the main thread and the background thread (PROCESSING=thread) say to each other. Plain data only: it
// crosses a worker_threads boundary by structured clone.
import type { AppConfig } from '../config/env.ts'
import type { LogLevel } from '../log.ts'

export interface BackgroundThreadData {
  config: AppConfig
  /** Run the job registry there (off for benchmarks that measure one path). */
  scheduler: boolean
  /** The incarnation of the thread this one replaces (it died): its claims are taken back at once. */
  previousIncarnation?: string
}

export type ToBackground =
  | { type: 'event'; id: number }
  | { type: 'kick'; platform?: string }
  | { type: 'call'; seq: number; call: 'drain' | 'idle' }
  | { type: 'stop' }

export type FromBackground =
  | { type: 'ready'; incarnation?: string }
  | { type: 'log'; level: LogLevel; line: string }
  | { type: 'result'; seq: number; value: number }
