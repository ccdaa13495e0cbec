// CSV as Excel reads and writes it (RFC 4180: commas, double quotes doubled inside quoted fields, CRLF or LF).

export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** CSV text with a UTF-8 BOM, so Excel on Chinese Windows opens it as UTF-8 rather than GBK. */
export function toCsv(headers: string[], rows: Record<string, string>[]): string {
  const lines = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((cells) => cells.map(quote).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
