// The one constant-time compare (src/security/constant-time.ts), used by every verifier and by one-time codes.
import { expect, test } from 'vitest'
import { constantTimeEqual } from '../../src/security/constant-time.ts'

test('compares without depending on where strings differ', () => {
  expect(constantTimeEqual('abc', 'abc')).toBe(true)
  expect(constantTimeEqual('abc', 'abd')).toBe(false)
  expect(constantTimeEqual('abc', 'abcd')).toBe(false)
  expect(constantTimeEqual('abc', 'ab')).toBe(false)
  expect(constantTimeEqual('', 'a')).toBe(false)
  expect(constantTimeEqual('', '')).toBe(true)
  // Bytes, not UTF-16 units: a multi-byte character differing in its last byte is still a difference.
  expect(constantTimeEqual('签名', '签名')).toBe(true)
  expect(constantTimeEqual('签名', '签吗')).toBe(false)
  // A shorter string padded with zero bytes does not match.
  expect(constantTimeEqual('ab', 'ab\u0000')).toBe(false)
})
