// "Zero invented figures": every number in an answer must appear in the plan itself. Used by the evaluation and
// by tests over every entry, so a staff edit that adds an amount the plan does not state is caught.
const ARABIC = /\d+(?:[.,]\d+)*(?:%|万|亿)?/g
// 任一级, 每一家, 统一, 唯一 … are words, not figures.
const CHINESE =
  /(?<![任每统唯逐同单万])[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*[家项个元万亿年月日天星次倍折级成%]/g

/** Numbers and Chinese numeral + unit phrases in `text` that `policy` does not contain. */
export function inventedFigures(text: string, policy: string): string[] {
  const compactPolicy = policy.replace(/\s+/g, '')
  // A numbered list's `1.` is layout, not a figure.
  const content = text.replace(/^\s*\d+[.、)]\s*/gm, '')
  const found = [...(content.match(ARABIC) ?? []), ...(content.match(CHINESE) ?? [])]
  return [...new Set(found)].filter((figure) => !compactPolicy.includes(figure))
}
