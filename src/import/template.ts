// The template staff fill in, per kind: the header row (required columns marked *), one example row, and a second
// sheet explaining each column. Importing the template as it is imports the example row.
import ExcelJS from 'exceljs'
import type { ImportKind } from './kind.ts'

export async function templateWorkbook(kind: ImportKind): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(`${kind.label}导入`)
  sheet.addRow(kind.columns.map((c) => (c.required ? `${c.header}*` : c.header)))
  sheet.addRow(kind.columns.map((c) => c.example))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE1EAFF' } }
  kind.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, c.header.length * 2 + 4, c.example.length * 1.6)
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  const notes = workbook.addWorksheet('填写说明')
  notes.addRow(['列', '是否必填', '说明'])
  notes.getRow(1).font = { bold: true }
  for (const c of kind.columns) notes.addRow([c.header, c.required ? '必填' : '选填', c.note ?? ''])
  notes.addRow([])
  notes.addRow(['第一个工作表的第一行是表头，请勿修改；示例行可删除或替换。也可另存为 CSV（UTF-8 或 GBK 均可）。'])
  notes.getColumn(1).width = 18
  notes.getColumn(3).width = 60
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

export function importKindsOf(features: readonly { imports?: readonly ImportKind[] }[]): ImportKind[] {
  const kinds = features.flatMap((f) => f.imports ?? [])
  const seen = new Set<string>()
  for (const k of kinds) {
    if (seen.has(k.kind)) throw new Error(`two import kinds named ${k.kind}`)
    seen.add(k.kind)
  }
  return kinds
}
