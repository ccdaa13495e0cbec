// One-time binding codes: six random digits, stored as a SHA-256 hash, compared in constant time.
import { expect, test } from 'vitest'
import {
  codeMatches,
  extractOneTimeCode,
  hashCode,
  newOneTimeCode,
} from '../../src/features/enterprises/one-time-code.ts'

test('codes are six digits and differ from one another', () => {
  const codes = new Set(Array.from({ length: 50 }, newOneTimeCode))
  for (const code of codes) expect(code).toMatch(/^\d{6}$/)
  expect(codes.size).toBeGreaterThan(45)
})

test('only the hash is needed to check a code', async () => {
  const hash = await hashCode('123456')
  expect(hash).toMatch(/^[0-9a-f]{64}$/)
  expect(hash).not.toContain('123456')
  expect(await codeMatches('123456', hash)).toBe(true)
  expect(await codeMatches('123457', hash)).toBe(false)
})

test('a code is recognised when it is essentially the whole message', () => {
  expect(extractOneTimeCode('123456')).toBe('123456')
  expect(extractOneTimeCode('验证码：123456')).toBe('123456')
  expect(extractOneTimeCode('１２３４５６')).toBe('123456')
  expect(extractOneTimeCode('我的电话是13812345678')).toBeNull()
  expect(extractOneTimeCode('1234567')).toBeNull()
})
