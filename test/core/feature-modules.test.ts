// A feature is a module: one value (src/bot/feature.ts) in one list (src/features/index.ts), from which the handler
// registry, the schedule, the card templates and the demo seeders are built. Adding a feature is one folder and one
// line; the tiny feature below is added to a copy of the list and answers through the real server.
import { readdirSync } from 'node:fs'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import type { Feature } from '../../src/bot/feature.ts'
import { buildHandlerRegistry } from '../../src/bot/handlers.ts'
import { cardTemplatesOf, defineCard } from '../../src/cards/registry.ts'
import { seedersOf } from '../../src/cli/seeders.ts'
import { FEATURES } from '../../src/features/index.ts'
import { jobsOf } from '../../src/jobs/registry.ts'
import { runJobOnce } from '../../src/jobs/run-job.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const openingHoursCard = defineCard(
  'test-opening-hours',
  {
    description: 'A card of the test feature.',
    sample: { hours: '08:30–17:30' },
    card: { title: '办公时间', blocks: [{ type: 'markdown', text: '办公时间：{{hours}}' }] },
  },
  z.object({ hours: z.string() }),
)

let jobRuns = 0
const openingHoursFeature: Feature = {
  name: 'opening-hours',
  recognizers: [
    {
      name: 'opening-hours',
      recognize: (text) => (/办公时间/.test(text) ? { intent: 'opening_hours', confidence: 1 } : null),
    },
  ],
  messages: [
    {
      intent: 'opening_hours',
      handle: async () => ({
        intent: 'opening_hours',
        replies: [{ kind: 'card', card: openingHoursCard({ hours: '08:30–17:30' }) }],
      }),
    },
  ],
  cards: [openingHoursCard],
  jobs: [
    {
      name: 'opening-hours-reminder',
      cron: '0 8 * * 1',
      description: 'a job of the test feature',
      run: async () => ++jobRuns,
    },
  ],
}

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

test('a feature added to a copy of the list answers through the real server, and its job is scheduled', async () => {
  const features = [...FEATURES, openingHoursFeature]
  server = await startTestServer({ features })
  // Appended last, its recognizer is still asked before the knowledge classifier (a final recognizer).
  const res = await fetch(`${server.url}/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'visitor', text: '请问办公时间是什么时候' }),
  })
  const turn = await res.json()
  expect(turn.intent).toBe('opening_hours')
  expect(turn.text).toContain('办公时间：08:30–17:30')
  expect(turn.cards[0].id).toMatch(/^crd_/)

  const jobs = jobsOf(features)
  // The bot's own schedule (the core's jobs first), then the added feature's job last.
  expect(jobs.map((job) => job.name)).toEqual([...jobsOf(FEATURES).map((job) => job.name), 'opening-hours-reminder'])
  expect(jobs.slice(0, 2).map((job) => job.name)).toEqual(['outbox-sweep', 'inbound-retry'])
  const job = jobs.find((j) => j.name === 'opening-hours-reminder')!
  expect(await runJobOnce(server.deps, job, new Date('2026-11-23T08:00:00+08:00'))).toBe('ran')
  expect(jobRuns).toBe(1)
  expect(Object.keys(cardTemplatesOf(features))).toContain('test-opening-hours')

  // The bot's own list is untouched.
  expect(jobsOf(FEATURES).map((j) => j.name)).not.toContain('opening-hours-reminder')
})

describe('the bot built from src/features/index.ts', () => {
  const registry = buildHandlerRegistry(FEATURES)

  test('asks its recognizers in the menu’s order: specific patterns first, the knowledge classifier last', () => {
    expect(registry.recognizers.map((r) => r.name)).toEqual([
      'identity_claim',
      'staff',
      'help',
      'alerts',
      'enterprises',
      'eligibility',
      'standards',
      'expiry',
      'ticket',
      'targets',
      'campaigns',
      'not_a_question',
      'knowledge',
    ])
    // What the final recognizers find is a guess, not a command (src/bot/digression.ts).
    expect([...registry.classifiers]).toEqual(['not_a_question', 'knowledge'])
  })

  test('out_of_scope is the knowledge feature’s decline; without that feature, help’s fallback', () => {
    const knowledge = FEATURES.find((f) => f.name === 'knowledge')!
    expect(registry.messages.get('out_of_scope')).toBe(knowledge.messages!.find((m) => m.intent === 'out_of_scope'))
    const withoutKnowledge = buildHandlerRegistry(FEATURES.filter((f) => f.name !== 'knowledge'))
    expect(withoutKnowledge.messages.get('out_of_scope')).toBe(FEATURES.find((f) => f.name === 'help')!.fallback)
  })

  test('every template file in cards/ belongs to exactly one feature', () => {
    const files = readdirSync('cards')
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.replace(/\.json$/, ''))
    expect(Object.keys(cardTemplatesOf(FEATURES)).sort()).toEqual(files.sort())
  })

  test('demo seeders run staff first, before the enterprises, contacts and tickets that refer to staff', () => {
    expect(seedersOf(FEATURES).map((s) => s.name)).toEqual([
      'staff',
      'enterprises',
      'contacts',
      'standards',
      'tickets',
      'targets',
      'enterprise-groups',
    ])
  })

  test('two features answering one intent, action or job name are refused at start-up', () => {
    const twice = (extra: Feature) => [...FEATURES, extra]
    const help = FEATURES.find((f) => f.name === 'help')!
    expect(() => buildHandlerRegistry(twice({ name: 'x', messages: help.messages }))).toThrow(/message handler/)
    expect(() => buildHandlerRegistry(twice({ name: 'x', actions: help.actions }))).toThrow(/card action/)
    expect(() => buildHandlerRegistry(twice({ name: 'x', welcome: help.welcome }))).toThrow(/welcome/)
    expect(() => cardTemplatesOf(twice({ name: 'x', cards: help.cards }))).toThrow(/card templates named help/)
    expect(() => jobsOf(twice(openingHoursFeature).concat(openingHoursFeature))).toThrow(/two jobs/)
  })
})
