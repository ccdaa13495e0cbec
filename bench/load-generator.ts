// The load generator for the webhook benchmarks (bench/webhook-load.ts), run in its own process so it does not
// share the event loop of the server it measures. Input: a JSON file {url, path, durationS, connections, rate?, requests:
// [{body, headers}]} (pre-signed, so generating load costs no crypto); output: one JSON line on stdout.
// At a fixed rate it is an open-loop generator of its own; flat out it is autocannon.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'

interface CannonResult {
  latency: { p50: number; p90: number; p99: number; average: number; max: number }
  requests: { average: number; total: number }
  non2xx: number
  errors: number
  timeouts: number
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>

interface LoadInput {
  url: string
  path: string
  durationS: number
  connections: number
  rate?: number
  requests: { body: string; headers: Record<string, string> }[]
}

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadInput
let next = 0
let wrapped = 0
function nextRequest() {
  if (next >= input.requests.length) {
    next = 0
    wrapped++
  }
  return input.requests[next++]!
}
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
const p99 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.99,
  )

/**
 * Open loop at a fixed rate: requests leave on schedule (every 1000/rate ms) whether or not earlier ones have been
 * answered, and latency counts from the scheduled time, so a stalled server cannot hide its queue (no coordinated
 * omission). autocannon's overallRate sends in bursts per connection, which measures its own bursts instead.
 */
async function openLoop(rate: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 })
  const target = new URL(input.url)
  const latencies: number[] = []
  const bySecond: number[][] = Array.from({ length: input.durationS }, () => [])
  let non2xx = 0
  let errors = 0
  let maxLagMs = 0
  const started = performance.now()
  const total = rate * input.durationS
  const pending: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const { body, headers } = nextRequest()
    // Latency counts from the scheduled time when we are late (any lag of ours counts against the server: the
    // conservative side), from the real send when early (a timer may fire up to 1 ms before its time).
    const now = performance.now()
    const from = Math.min(due, now)
    maxLagMs = Math.max(maxLagMs, now - due)
    pending.push(
      new Promise<void>((resolve) => {
        const req = request(
          { host: target.hostname, port: target.port, path: input.path, method: 'POST', agent, headers },
          (res) => {
            res.resume()
            res.on('end', () => {
              if ((res.statusCode ?? 0) >= 300) non2xx++
              const latency = performance.now() - from
              latencies.push(latency)
              bySecond[Math.min(input.durationS - 1, Math.floor(i / rate))]!.push(latency)
              resolve()
            })
          },
        )
        req.on('error', () => {
          errors++
          resolve()
        })
        req.end(body)
      }),
    )
  }
  await Promise.all(pending)
  const elapsed = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 100) / 100
  return {
    rps: Math.round(latencies.length / elapsed),
    total: latencies.length,
    p50Ms: round(percentile(latencies, 0.5)),
    p90Ms: round(percentile(latencies, 0.9)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies.at(-1) ?? 0),
    non2xx,
    errors,
    generator: 'open-loop',
    /** How far behind its schedule the generator itself fell at worst (counted in the latencies above). */
    maxGeneratorLagMs: round(maxLagMs),
    // Whether slow answers cluster (a pause) or spread (steady contention): the p99 of each second's requests.
    p99BySecondMs: bySecond.map((second) => round(p99(second))),
  }
}

/** Flat out: autocannon, closed loop with a fixed number of connections. */
async function flatOut() {
  // autocannon ships no types; the import through a variable keeps tsc from asking for them.
  const name = 'autocannon'
  const autocannon = (await import(name)).default as Cannon
  const result = await autocannon({
    url: input.url,
    duration: input.durationS,
    connections: input.connections,
    requests: [
      {
        method: 'POST',
        path: input.path,
        setupRequest: (req: Record<string, unknown>) => ({ ...req, ...nextRequest() }),
      },
    ],
  })
  return {
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    generator: `autocannon, ${input.connections} connections`,
  }
}

const out = { ...(input.rate ? await openLoop(input.rate) : await flatOut()), bodiesReused: wrapped > 0 }
process.stdout.write(`${JSON.stringify(out)}\n`)
