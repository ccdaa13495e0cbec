// 我的待办 on the console, over HTTP on the real server: each person sees their daily card as the job builds it
// (the same collection), tickets linked to the board, an official their department's counts; the admin token
// only a note. Preferences change from the page as from the card: CSRF checked, recorded, audited, undoable, and
// a mute stops the next run of the job (through the job runner at an injected time) until it is undone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CardModel } from '../../src/cards/model.ts'
import { FEATURES } from '../../src/features/index.ts'
import { jobsOf } from '../../src/jobs/registry.ts'
import { runJob } from '../../src/jobs/run-job.ts'
import { bearer, sessionFor, TOKEN } from '../admin/fixtures.ts'
import { movableClock } from '../helpers/clock.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { STAFF, seedPeople } from '../tickets/fixtures.ts'
import { setClock } from './fixtures.ts'
import { workFor } from './helpers.ts'

const TUESDAY = '2026-11-24T08:30:00+08:00'
const WEDNESDAY = '2026-11-25T08:30:00+08:00'
const staffDigestJob = jobsOf(FEATURES).find((j) => j.name === 'staff-digest')!

let server: TestServer
let clock: ReturnType<typeof movableClock>
beforeEach(async () => {
  clock = movableClock(new Date(TUESDAY))
  server = await startTestServer({ env: { ADMIN_TOKEN: TOKEN }, clock })
  await seedPeople(server.deps)
})
afterEach(() => server?.close())

const page = (headers: Record<string, string>, path = '/admin/my-digest') =>
  fetch(`${server.url}${path}`, { headers }).then(async (r) => ({ status: r.status, body: await r.text() }))
const change = (who: { cookie: string; csrf?: string }, fields: Record<string, string>) =>
  fetch(`${server.url}/admin/my-digest/preferences`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ digest: 'staff-digest', ...(who.csrf ? { _csrf: who.csrf } : {}), ...fields }),
  })
const textOf = (html: string) => html.replace(/<[^>]+>/g, '')

/** The digest the job queued for a person on a day, as its card's markdown; undefined when none was queued. */
async function queuedDigest(day: string, staffId: number) {
  const row = await server.deps.db.outbox.findUnique({
    where: { dedupeKey: `digest:staff-digest:${day}:staff:${staffId}` },
  })
  if (!row) return undefined
  const card = (JSON.parse(row.payload) as { body: { card: CardModel } }).body.card
  return card.blocks.flatMap((b) => (b.type === 'markdown' ? [b.text] : [])).join('\n')
}

describe('我的待办', () => {
  it('shows staff the card the job sends, tickets linked to the board; officials their department; the token a note', async () => {
    const { assigned, approval } = await workFor(server.deps, STAFF.assignee)
    const li = await sessionFor(server.deps, STAFF.assignee)
    const mine = await page({ cookie: li.cookie })
    expect(mine.status).toBe(200)
    expect(mine.body).toContain('<a href="/admin/my-digest" class="active">我的待办</a>')
    expect(mine.body).toContain('今日待办 · 11月24日（周二）')
    expect(mine.body).toContain(`<a href="/admin/tickets?q=${assigned.number}">${assigned.number}</a>`)
    expect(mine.body).toContain('data-testid="settings-staff-digest"')
    expect(mine.body).not.toContain('data-testid="settings-lead-weekly"')

    // The page says what the job's card says, line for line.
    await runJob(server.deps, staffDigestJob, new Date(TUESDAY))
    const sent = await queuedDigest('2026-11-24', li.staffId)
    for (const line of sent!.split('\n')) expect(textOf(mine.body)).toContain(line.replaceAll('**', ''))

    const official = await sessionFor(server.deps, STAFF.official)
    const theirs = textOf((await page({ cookie: official.cookie })).body)
    expect(theirs).toContain(`${approval.number}　检验检测费用减免 · 未绑定企业 · 待您审批`)
    expect(theirs).toContain('本科室在办情况')
    expect(theirs).toContain(`${STAFF.assignee}：在办 1 件，今日到期 1 件`)
    expect((await page({ cookie: official.cookie })).body).toContain('data-testid="settings-lead-weekly"')

    const idle = await sessionFor(server.deps, STAFF.other)
    expect((await page({ cookie: idle.cookie })).body).toContain('data-testid="digest-empty"')

    const viaToken = await page(bearer)
    expect(viaToken.body).toContain('data-testid="per-person"')
    expect(viaToken.body).not.toContain('data-testid="settings-staff-digest"')
    const tokenChange = await fetch(`${server.url}/admin/my-digest/preferences`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'digest=staff-digest&change=mute',
    })
    expect(tokenChange.status).toBe(403)
  })

  it('a mute from the page stops the next run for that person, and undoing it brings the digest back', async () => {
    await workFor(server.deps, STAFF.assignee)
    const li = await sessionFor(server.deps, STAFF.assignee)
    const official = await sessionFor(server.deps, STAFF.official)

    expect((await change({ cookie: li.cookie }, { change: 'mute' })).status).toBe(403)
    expect(await server.deps.db.digestPreference.count()).toBe(0)

    const muted = await change(li, { change: 'mute' })
    expect(muted.status).toBe(303)
    expect(muted.headers.get('location')).toBe('/admin/my-digest?r=mute')
    const after = (await page({ cookie: li.cookie }, muted.headers.get('location')!)).body
    expect(after).toContain('已暂停该提醒，可随时恢复或撤销。')
    expect(after).toContain('data-testid="muted"')
    expect(after).toContain('恢复提醒')

    const tuesday = await runJob(server.deps, staffDigestJob, new Date(TUESDAY))
    expect(tuesday).toMatchObject({ status: 'ran', skipped: 1 })
    expect(await queuedDigest('2026-11-24', li.staffId)).toBeUndefined()
    expect(await queuedDigest('2026-11-24', official.staffId)).toContain('待您审批')

    expect((await change(li, { change: 'undo' })).headers.get('location')).toBe('/admin/my-digest?r=undo')
    const changes = await server.deps.db.digestPreferenceChange.findMany({ orderBy: { id: 'asc' } })
    expect(changes.map((c) => [c.change, c.actor])).toEqual([
      ['mute', `console:staff:${li.staffId}`],
      ['undo', `console:staff:${li.staffId}`],
    ])
    const audit = await server.deps.db.auditEntry.findMany({ orderBy: { id: 'asc' } })
    expect(
      audit.map((a) => [a.action, a.actor, a.via, JSON.parse(a.before!).muted, JSON.parse(a.after!).muted]),
    ).toEqual([
      ['digest.mute', `staff:${li.staffId}`, 'console', false, true],
      ['digest.undo', `staff:${li.staffId}`, 'console', true, false],
    ])

    setClock(clock, WEDNESDAY)
    expect(await runJob(server.deps, staffDigestJob, new Date(WEDNESDAY))).toMatchObject({ status: 'ran', skipped: 0 })
    expect(await queuedDigest('2026-11-25', li.staffId)).toContain('在办 1 件')
  })

  it('moves the time and turns quiet hours off as the settings card does, showing the card’s own fields', async () => {
    const li = await sessionFor(server.deps, STAFF.assignee)
    expect((await change(li, { change: 'time', at: '14:00' })).headers.get('location')).toBe('/admin/my-digest?r=time')
    expect((await change(li, { change: 'time', at: '14:00' })).headers.get('location')).toBe(
      '/admin/my-digest?r=unchanged',
    )
    expect((await change(li, { change: 'time', at: '03:00' })).status).toBe(422)
    await change(li, { change: 'quiet_off' })
    const body = textOf((await page({ cookie: li.cookie })).body)
    expect(body).toContain('推送时间工作日 14:00')
    expect(body).toContain('免打扰已关闭')
    expect(body).toContain('关闭免打扰（可撤销）')
    expect(await server.deps.db.digestPreference.findFirst()).toMatchObject({ deliverAt: '14:00', quietHours: false })

    // The weekly summary's own time (09:00) is not among the choices: it stays selected and changes nothing.
    const lead = await sessionFor(server.deps, STAFF.official)
    expect((await page({ cookie: lead.cookie })).body).toContain('<option value="" selected="">09:00（当前）</option>')
    const kept = await change(lead, { digest: 'lead-weekly', change: 'time', at: '' })
    expect(kept.headers.get('location')).toBe('/admin/my-digest?r=unchanged')
    // A digest that is not theirs (the weekly summary is for department leads) is refused.
    expect((await change(li, { digest: 'lead-weekly', change: 'mute' })).status).toBe(422)
  })
})
