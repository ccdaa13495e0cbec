// The progress chart drawn as SVG (for platforms that can send an image but not draw a chart), and as the PNG the
// Node runtime's renderer makes of it through the image service.
import { expect, test } from 'vitest'
import { createImageService } from '../../src/bot/images.ts'
import { progressImage, progressSvg } from '../../src/features/targets/chart-svg.ts'
import { resvgPng } from '../../src/runtime/png.ts'

const chart = {
  title: '目标完成进度（%）',
  labels: ['9月', '10月', '11月'],
  series: [
    { name: '1 升级先进质量管理体系', values: [0, 2, 4] },
    { name: '3 “品字标”认证', values: [10, 20, 140] },
  ],
}
const months = ['2026-09', '2026-10', '2026-11']

test('the SVG holds one line per target, months on the x axis, and ASCII text only', () => {
  const svg = progressSvg(chart, months)
  expect(svg.match(/<polyline /g)).toHaveLength(2)
  expect(svg).toContain('>2026-11</text>')
  // A target beyond its goal is drawn at the top edge, not off the chart.
  expect(svg).toContain('<polyline points="48,290.4 329,260.8 610,24"')
  expect(svg).toContain('fill="#1f2329">3</text>')
  expect(/[^\x20-\x7e]/.test(svg)).toBe(false)
})

test('it renders to a PNG of the chart’s size, and bad data is refused, not drawn', () => {
  const images = createImageService([progressImage], resvgPng)
  const png = images.render({ source: 'targets.progress', data: { chart, months }, alt: '' })
  expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const view = new DataView(png.buffer, png.byteOffset)
  expect([view.getUint32(16), view.getUint32(20)]).toEqual([720, 360])
  expect(() => images.render({ source: 'targets.progress', data: { chart, months: ['11月'] }, alt: '' })).toThrow()
  expect(() => images.render({ source: 'nope', data: {}, alt: '' })).toThrow('no image source named nope')
  // Without a renderer (Workers) nothing can be drawn, and features are told so beforehand.
  expect(createImageService([progressImage]).canRender('targets.progress')).toBe(false)
  expect(images.canRender('targets.progress')).toBe(true)
})
