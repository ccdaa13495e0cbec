import { expect, test } from 'vitest'
import { createLogger, maskText } from '../../src/log.ts'

test('mobile numbers and credit codes are masked in free text', () => {
  expect(maskText('联系人电话 13812345678，代码 91330304MA2AXXXX1X')).toBe(
    '联系人电话 138****5678，代码 91************XX1X',
  )
})

test('secret-looking keys are redacted and nested personal data masked', () => {
  const lines: string[] = []
  const log = createLogger({ write: (line) => lines.push(line) })
  log.info('ticket opened', {
    appSecret: 'very-secret',
    ticket: { phone: '13912345678' },
    error: new Error('bad 13700001111'),
  })
  const record = JSON.parse(lines[0]!)
  expect(record.appSecret).toBe('[redacted]')
  expect(record.ticket.phone).toBe('139****5678')
  expect(record.error.message).toBe('bad 137****1111')
  expect(lines[0]).not.toContain('very-secret')
})
