// Toy platform, API client: one call, POST {apiUrl}/cgi-bin/message/send with the bot token as a bearer.
export interface ToyApi {
  send(message: {
    chatid?: string
    touser?: string
    msgtype: 'text' | 'markdown'
    content: string
  }): Promise<{ ok: true; msgid: string } | { ok: false; status: number; error: string }>
}

export function createToyApi(apiUrl: string, token: string): ToyApi {
  return {
    async send(message) {
      const res = await fetch(`${apiUrl}/cgi-bin/message/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(message),
      })
      const body = (await res.json()) as { errcode: number; errmsg?: string; msgid?: string }
      return res.ok && body.errcode === 0
        ? { ok: true, msgid: body.msgid ?? '' }
        : { ok: false, status: res.status, error: body.errmsg ?? `errcode ${body.errcode}` }
    },
  }
}
