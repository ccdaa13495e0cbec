// The PNG renderer of the Node entries (src/bot/images.ts): resvg, a native module, which is why only Node passes it
// to the core and the Worker bundle never imports this file. System fonts are loaded for the charts' ASCII labels;
// on a server without any font resvg leaves the text out and still draws the chart (it never throws for it).
import { Resvg } from '@resvg/resvg-js'
import type { PngRenderer } from '../bot/images.ts'

export const resvgPng: PngRenderer = (svg) =>
  new Resvg(svg, { font: { loadSystemFonts: true }, fitTo: { mode: 'original' } }).render().asPng()
