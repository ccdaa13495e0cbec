// 统一社会信用代码 (GB 32100-2015): charset, shape and check character.
import { describe, expect, test } from 'vitest'
import {
  checkCreditCode,
  creditCodeCheckChar,
  extractCreditCode,
  maskCreditCode,
  normalizeCreditCode,
} from '../../src/features/enterprises/credit-code.ts'
import { DEMO } from './harness.ts'

describe('valid codes', () => {
  test.each([
    ['91350100M000100Y43', 'the worked example of GB 32100-2015'],
    ['91110000802100433B', 'a real-format company code whose check character is a letter'],
    ['91330304MA2DEMX080', 'a demo code whose check character is 0'],
    ...Object.values(DEMO).map((code) => [code, 'a demo seed code']),
  ])('%s (%s)', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code })
  })

  test('lower case, full-width characters, spaces and dashes are normalised', () => {
    expect(normalizeCreditCode(' ９１３５０１００ｍ000-100 y43 ')).toBe('91350100M000100Y43')
    expect(checkCreditCode('91350100m000100y43')).toEqual({ ok: true, code: '91350100M000100Y43' })
  })
})

describe('invalid codes say what is wrong', () => {
  test.each([
    ['', 'empty'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'charset'],
    ['91350100M0001O0Y43', 'charset'],
    ['9135010SM000100Y43', 'charset'],
    ['91350100M000100Z43', 'charset'],
    ['91350100M000V00Y43', 'charset'],
    ['913501A0M000100Y43', 'format'],
    ['91350100M000100Y44', 'checksum'],
    ['91350100M000100Y34', 'checksum'],
    ['911100001000013428', 'checksum'],
  ])('%s → %s', (code, problem) => {
    expect(checkCreditCode(code)).toMatchObject({ ok: false, problem })
  })

  test('every single-character typo in the last position is caught', () => {
    const code = DEMO.shoes
    const wrong = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').filter((c) => c !== code[17])
    for (const c of wrong) expect(checkCreditCode(code.slice(0, 17) + c).ok).toBe(false)
  })
})

test('the check character of 17 characters, null outside the alphabet', () => {
  expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
  expect(creditCodeCheckChar('91350100M000100I4')).toBeNull()
  expect(creditCodeCheckChar('short')).toBeNull()
})

test('a code is found inside a sentence and masked for display', () => {
  expect(extractCreditCode(`我们的代码是${DEMO.shoes}，麻烦了`)).toBe(DEMO.shoes)
  expect(extractCreditCode('9133 0304 MA2D EMX0 1A')).toBe(DEMO.shoes)
  expect(extractCreditCode('绑定企业')).toBeNull()
  expect(maskCreditCode(DEMO.shoes)).toBe('9133**********X01A')
})
