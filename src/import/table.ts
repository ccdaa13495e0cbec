// Reading the spreadsheet staff upload: .xlsx (exceljs) or CSV in UTF-8 or GBK (what Excel writes on Chinese
// Windows), into a header row and data rows keyed by header. Row numbers are the spreadsheet's own (1-based, the
// header row included), so an error says the row staff see.
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { parseCsv } from './csv.ts'

export interface Table {
  headers: string[]
  rows: { row: number; cells: Record<string, string> }[]
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3))
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gbk')
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return new Date(value.getTime()).toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    return ''
  }
  return String(value)
}

function toTable(grid: { row: number; values: string[] }[]): Table {
  const nonEmpty = grid.filter((r) => r.values.some((v) => v.trim()))
  const [head, ...body] = nonEmpty
  if (!head) return { headers: [], rows: [] }
  const headers = head.values.map((h) => h.replace(/[*＊\s]/g, ''))
  return {
    headers,
    rows: body.map((r) => ({
      row: r.row,
      cells: Object.fromEntries(headers.map((h, i) => [h, (r.values[i] ?? '').trim()]).filter(([h]) => h)),
    })),
  }
}

export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (isZip(bytes)) {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    if (!sheet) return { headers: [], rows: [] }
    const grid: { row: number; values: string[] }[] = []
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values: string[] = []
      for (let i = 1; i <= sheet.columnCount; i++) values.push(cellText(row.getCell(i).value))
      grid.push({ row: number, values })
    })
    return toTable(grid)
  }
  return toTable(parseCsv(decodeText(bytes)).map((values, i) => ({ row: i + 1, values })))
}
