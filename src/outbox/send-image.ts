// Sends an image row (src/bot/images.ts): draws the PNG now, from the data the row holds, and hands it to the port.
import type { ImagePart } from '../bot/images.ts'
import type { Address } from '../bot/types.ts'
import type { CoreDeps } from '../deps.ts'
import type { DeliveryResult, PlatformPort } from './port.ts'

/**
 * A drawing that fails fails the same way on every retry, so the row goes dead at once (logged): what the image
 * accompanied (a card with text bars) has gone out anyway. A failed send is retried like any other.
 */
export async function sendImage(
  deps: Pick<CoreDeps, 'images' | 'log'>,
  port: PlatformPort,
  id: number,
  address: Address,
  image: ImagePart,
): Promise<DeliveryResult> {
  if (!port.deliverImage) return { ok: false, retryable: false, error: `${port.platform} sends no images` }
  let png: Uint8Array
  try {
    png = deps.images.render(image)
  } catch (error) {
    const message = (error as Error).message
    deps.log.warn('image not drawn, left out', { outboxId: id, source: image.source, error: message })
    return { ok: false, retryable: false, error: `image not drawn: ${message}` }
  }
  try {
    return await port.deliverImage({ id, address, png, alt: image.alt })
  } catch (error) {
    return { ok: false, retryable: true, error: (error as Error).message }
  }
}
