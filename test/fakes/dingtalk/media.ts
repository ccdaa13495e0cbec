// The fake DingTalk's media store: `POST /media/upload?access_token=…&type=…` (oapi host, multipart/form-data, the
// file in the field `media`) as docs/protocols.md §DingTalk robot images describes it, and the media ids a robot's
// sampleImageMsg may then name as its photoURL. It refuses what the real one refuses: no or a stale token, a body
// that is not multipart, an unknown type, no file, an image whose name or bytes are not jpg/gif/png/bmp, over 20 MB.
import type { IncomingMessage } from 'node:http'

type Json = Record<string, unknown>

export interface FakeMedia {
  type: string
  filename: string
  contentType: string
  bytes: Uint8Array
}

const TYPES = new Set(['image', 'voice', 'video', 'file'])
const MAX_BYTES = 20 * 1024 * 1024
/** The leading bytes of each image format the upload takes. */
const SIGNATURES: Record<string, number[][]> = {
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [[0x47, 0x49, 0x46, 0x38]],
  bmp: [[0x42, 0x4d]],
}

const isImage = (filename: string, bytes: Uint8Array) => {
  const ext = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? ''
  return (SIGNATURES[ext] ?? []).some((sig) => sig.every((b, i) => bytes[i] === b))
}

/** The legacy APIs answer HTTP 200 with an errcode (codes as in DingTalk's global error-code list). */
const refused = (errcode: number, errmsg: string): [number, Json] => [200, { errcode, errmsg }]

export function fakeMediaStore() {
  const media = new Map<string, FakeMedia>()
  let seq = 0

  /** Reads a multipart upload into what the call record shows (`form`), keeping the file aside. */
  async function readUpload(req: IncomingMessage, raw: Buffer): Promise<Json> {
    const contentType = String(req.headers['content-type'] ?? '')
    if (!contentType.startsWith('multipart/form-data')) return { multipart: false }
    try {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(raw),
      }).formData()
      const file = form.get('media')
      return {
        multipart: true,
        type: form.get('type'),
        media:
          file instanceof File
            ? { filename: file.name, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
            : null,
      }
    } catch {
      return { multipart: true, malformed: true }
    }
  }

  /** Answers an upload read by readUpload; `tokenValid` is the fake's verdict on the access_token. */
  function upload(body: Json, query: Record<string, string>, tokenValid: boolean): [number, Json] {
    if (!tokenValid) return refused(40014, '不合法的access_token')
    if (!body.multipart || body.malformed) return refused(43008, '参数需要multipart类型')
    const type = String(body.type ?? query.type ?? '')
    if (!TYPES.has(type)) return refused(40004, '不合法的媒体文件类型')
    const file = body.media as { filename: string; contentType: string; bytes: Uint8Array } | null
    if (!file?.filename) return refused(40005, '不合法的文件类型')
    if (file.bytes.length === 0 || file.bytes.length > MAX_BYTES) return refused(40006, '不合法的文件大小')
    if (type === 'image' && !isImage(file.filename, file.bytes)) return refused(40005, '不合法的文件类型')
    const mediaId = `@lAD_fake_${++seq}`
    media.set(mediaId, { type, ...file })
    return [200, { errcode: 0, errmsg: 'ok', type, media_id: mediaId, created_at: Date.now() }]
  }

  return {
    media,
    readUpload,
    upload,
    /** A sampleImageMsg photoURL the fake accepts: an image it holds, or an https URL. */
    photoKnown: (photoURL: unknown) =>
      typeof photoURL === 'string' &&
      ((media.get(photoURL)?.type ?? '') === 'image' || photoURL.startsWith('https://')),
  }
}
