// Reading the enterprise columns staff type: the credit code with a reason people can act on (which rule failed,
// and for a wrong check character, which one it should be), and the platform names as staff write them.
import type { CellError } from '../../import/kind.ts'
import { checkCreditCode, creditCodeCheckChar } from './credit-code.ts'

export const CREDIT_CODE = '统一社会信用代码'

export function creditCodeCell(value: string | undefined, errors: CellError[]): string {
  const check = checkCreditCode(value ?? '')
  if (check.ok) return check.code
  const reason = {
    empty: '不能为空',
    length: `应为18位（现为${check.code.length}位）`,
    charset: '含有不允许的字符（不使用 I、O、Z、S、V）',
    format: '格式不正确（第3-8位应为行政区划代码）',
    checksum: `校验位不正确（按前17位计算，第18位应为 ${creditCodeCheckChar(check.code.slice(0, 17)) ?? '?'}）`,
  }[check.problem]
  errors.push({ column: CREDIT_CODE, reason })
  return check.code
}

export const PLATFORM_NAMES: Record<string, string> = { 飞书: 'feishu', 钉钉: 'dingtalk', 本地模拟器: 'console' }
export const platformLabel = (platform: string) =>
  Object.entries(PLATFORM_NAMES).find(([, id]) => id === platform)?.[0] ?? platform

export function oneOf<T extends string>(
  column: string,
  value: string | undefined,
  allowed: readonly T[],
  errors: CellError[],
): T | undefined {
  const text = (value ?? '').trim()
  if (!text) return undefined
  if ((allowed as readonly string[]).includes(text)) return text as T
  errors.push({ column, reason: `应为 ${allowed.join('、')} 之一` })
  return undefined
}

export function required(column: string, value: string | undefined, errors: CellError[], max = 100): string {
  const text = (value ?? '').trim()
  if (!text) errors.push({ column, reason: '不能为空' })
  else if (text.length > max) errors.push({ column, reason: `不能超过${max}个字` })
  return text
}
