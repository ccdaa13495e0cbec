// Images a feature sends as messages of their own (the monthly chart where a card cannot draw one). A feature
// declares how it draws an image (`ImageSource`: small JSON data → SVG, pure, so it runs on every runtime) and
// queues an image part naming the source and the data; the outbox draws the PNG when it sends. The runtime that has
// a PNG renderer injects it (Node: resvg, src/runtime/png.ts); Workers have none, so features ask `canRender`
// first and keep to text there.
import { z } from 'zod'

/**
 * What the outbox row carries: the drawing's source and data, not its bytes. A chart's data is about 1 KB where its
 * PNG is tens of KB (more again as base64 in a JSON row), and the rows of a job's run are written and read together.
 */
export const imagePartSchema = z.object({
  /** The ImageSource that draws it, e.g. `targets.progress`. */
  source: z.string().min(1),
  /** The source's own data (checked by the source when it draws). */
  data: z.unknown(),
  /** What the image shows, in words: for the logs and for anyone who cannot see it. */
  alt: z.string(),
})
export type ImagePart = z.infer<typeof imagePartSchema>

/** How a feature draws one kind of image. `svg` throws on data it does not accept. */
export interface ImageSource {
  name: string
  svg(data: unknown): string
}

/** SVG → PNG bytes. Only a runtime that can load a renderer has one. */
export type PngRenderer = (svg: string) => Uint8Array

export interface ImageService {
  /** Whether an image of this source can be drawn here (the source exists and the runtime has a renderer). */
  canRender(source: string): boolean
  /** The PNG of an image part; throws when it cannot be drawn (unknown source, bad data, a renderer's error). */
  render(part: ImagePart): Uint8Array
}

/** Builds the image service from the features' sources and the runtime's renderer (none: nothing can be drawn). */
export function createImageService(sources: readonly ImageSource[], renderer?: PngRenderer): ImageService {
  const byName = new Map<string, ImageSource>()
  for (const source of sources) {
    if (byName.has(source.name)) throw new Error(`two image sources named ${source.name}`)
    byName.set(source.name, source)
  }
  return {
    canRender: (name) => Boolean(renderer && byName.has(name)),
    render(part) {
      if (!renderer) throw new Error('no PNG renderer in this runtime')
      const source = byName.get(part.source)
      if (!source) throw new Error(`no image source named ${part.source}`)
      return renderer(source.svg(part.data))
    },
  }
}
