// The monthly 月调度 card on DingTalk, which draws no chart: the job sends each official the card with its text bars
// and right after it the chart as a PNG (media upload, then a robot image message), through the real server, the
// outbox and the fake DingTalk. Where the image cannot be drawn (no renderer, as on Workers; a renderer that fails)
// or uploaded, the text bars still arrive and nobody is told of an error; a failed upload is retried by the outbox.
import { describe, expect, it } from 'vitest'
import { targetsFeature } from '../../src/features/targets/index.ts'
import { runJob } from '../../src/jobs/run-job.ts'
import { DT, dingtalkChat, seedDingtalkPeople } from '../dingtalk/chat.ts'
import { type DingtalkSetUp, withDingtalk } from '../helpers/dingtalk.ts'
import { waitFor } from '../helpers/server.ts'

const monthlyJob = targetsFeature.jobs!.find((job) => job.name === 'targets-monthly')!
/** The first working day of December 2026, 09:00 in Shanghai: the job's firing. */
const FIRST_WORKING_DAY = new Date('2026-12-01T09:00:00+08:00')
const OFFICIALS = [DT.official, DT.official2]
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

async function runMonthly({ fake, server }: DingtalkSetUp) {
  await seedDingtalkPeople(server)
  expect(await runJob(server.deps, monthlyJob, FIRST_WORKING_DAY)).toMatchObject({ ran: true, sent: 2 })
  await server.idle()
  return dingtalkChat(server, fake)
}

const rowsOf = (setUp: DingtalkSetUp, status: string) =>
  setUp.server.deps.db.outbox.findMany({ where: { status, payload: { contains: '"kind":"image"' } } })

describe('with the Node runtime’s PNG renderer', () => {
  const dingtalk = withDingtalk()

  it('sends every official the card with its text bars, then one PNG of the chart', async () => {
    const chat = await runMonthly(dingtalk)
    await chat.settle()
    for (const official of OFFICIALS) {
      const sent = chat.sentTo(official)
      expect(sent.map((m) => m.msgKey)).toEqual(['sampleMarkdown', 'sampleImageMsg'])
      expect(sent[0]!.text).toContain('质量强企千百行动 · 月调度')
      expect(sent[0]!.text).toContain('░░░░░░░░░░ 0%')
    }
    const images = dingtalk.fake.images()
    expect(images.map((i) => i.to).sort()).toEqual([...OFFICIALS].sort())
    for (const { file } of images) {
      expect(file).toMatchObject({ type: 'image', contentType: 'image/png' })
      expect([...file!.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE)
      const view = new DataView(file!.bytes.buffer, file!.bytes.byteOffset)
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([720, 360])
    }
    // The outbox row holds the chart's data, not the PNG.
    for (const row of await rowsOf(dingtalk, 'sent')) expect(row.payload.length).toBeLessThan(3000)
    // Once a month: the day after sends nothing more.
    expect((await runJob(dingtalk.server.deps, monthlyJob, new Date('2026-12-02T09:00:00+08:00'))).sent).toBe(0)
    await chat.settle()
    expect(dingtalk.fake.images()).toHaveLength(2)
  })

  it('delivers the text bars when the upload fails, and the image on the outbox’s retry', async () => {
    const { fake, server } = dingtalk
    fake.failNext(1, { status: 503, body: { errcode: -1, errmsg: '系统繁忙' } }, 'POST /media/upload')
    const chat = await runMonthly(dingtalk)
    const held = await waitFor(async () => (await rowsOf(dingtalk, 'pending')).find((r) => r.attempts === 1))
    expect(held!.lastError).toContain('503')
    await waitFor(() => OFFICIALS.every((o) => chat.sentTo(o).some((m) => m.msgKey === 'sampleMarkdown')))
    expect(fake.images()).toHaveLength(1)
    server.clock.advance(60_000)
    await server.deps.outbox.drain()
    expect(fake.images()).toHaveLength(2)
    expect(await rowsOf(dingtalk, 'sent')).toHaveLength(2)
    // Nothing but the card and the image reached anyone: no error message.
    for (const official of OFFICIALS)
      expect(chat.sentTo(official).map((m) => m.msgKey)).toEqual(['sampleMarkdown', 'sampleImageMsg'])
  })
})

describe('the fake DingTalk’s media upload', () => {
  const dingtalk = withDingtalk({ once: true })
  const png = new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, 13])

  async function upload(query: string, form: FormData | string) {
    const res = await fetch(`${dingtalk.fake.url}/media/upload?${query}`, {
      method: 'POST',
      ...(typeof form === 'string' ? { headers: { 'content-type': 'application/json' } } : {}),
      body: form,
    })
    return (await res.json()) as { errcode: number; media_id?: string }
  }
  const formOf = (type: string, file: Uint8Array<ArrayBuffer>, name: string) => {
    const form = new FormData()
    form.append('type', type)
    form.append('media', new Blob([file]), name)
    return form
  }

  it('takes a PNG with a valid token and refuses the rest', async () => {
    const { fake } = dingtalk
    const res = await fetch(`${fake.url}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: fake.clientId, appSecret: fake.clientSecret }),
    })
    const { accessToken } = (await res.json()) as { accessToken: string }
    const token = `access_token=${accessToken}`
    expect(await upload('', formOf('image', png, 'chart.png'))).toMatchObject({ errcode: 40014 })
    expect(await upload('access_token=forged', formOf('image', png, 'chart.png'))).toMatchObject({ errcode: 40014 })
    expect(await upload(token, formOf('sticker', png, 'chart.png'))).toMatchObject({ errcode: 40004 })
    expect(await upload(token, formOf('image', new TextEncoder().encode('not a png'), 'chart.png'))).toMatchObject({
      errcode: 40005,
    })
    expect(await upload(token, JSON.stringify({ type: 'image' }))).toMatchObject({ errcode: 43008 })
    const ok = await upload(token, formOf('image', png, 'chart.png'))
    expect(ok).toMatchObject({ errcode: 0, media_id: expect.stringMatching(/^@/) })
    expect(fake.media.get(ok.media_id!)?.bytes).toEqual(png)
    // A robot image message must name an uploaded image (or a URL).
    const send = (photoURL: string) =>
      fetch(`${fake.url}/v1.0/robot/oToMessages/batchSend`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': accessToken },
        body: JSON.stringify({
          robotCode: 'dingrobot001',
          userIds: [DT.official],
          msgKey: 'sampleImageMsg',
          msgParam: JSON.stringify({ photoURL }),
        }),
      })
    expect((await send('@lAD_unknown')).status).toBe(400)
    expect((await send(ok.media_id!)).status).toBe(200)
  })
})

describe('without a PNG renderer, as on Workers', () => {
  const logs: string[] = []
  const dingtalk = withDingtalk({ png: null, logs })

  it('sends the card with its text bars only, and tells ops why', async () => {
    const chat = await runMonthly(dingtalk)
    await chat.settle()
    for (const official of OFFICIALS) expect(chat.sentTo(official).map((m) => m.msgKey)).toEqual(['sampleMarkdown'])
    expect(dingtalk.fake.callsTo('POST /media/upload')).toHaveLength(0)
    expect(logs.some((line) => line.includes('monthly chart image left out: no PNG renderer'))).toBe(true)
  })
})

describe('with a renderer that fails', () => {
  const logs: string[] = []
  const dingtalk = withDingtalk({
    logs,
    png: () => {
      throw new Error('renderer crashed')
    },
  })

  it('still delivers the card with its text bars; the image row goes dead with a log line', async () => {
    const chat = await runMonthly(dingtalk)
    await chat.settle()
    for (const official of OFFICIALS) expect(chat.sentTo(official).map((m) => m.msgKey)).toEqual(['sampleMarkdown'])
    const dead = await rowsOf(dingtalk, 'dead')
    expect(dead).toHaveLength(2)
    expect(dead[0]!.lastError).toContain('renderer crashed')
    expect(logs.some((line) => line.includes('image not drawn'))).toBe(true)
  })
})
