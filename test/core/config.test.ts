import { describe, expect, test } from 'vitest'
import { parseEnv } from '../../src/config/env.ts'

describe('parseEnv', () => {
  test('runs with no configuration at all: embedded SQLite, platforms off, simulator on', () => {
    const config = parseEnv({})
    expect(config.env.PORT).toBe(3000)
    expect(config.env.DATABASE_URL).toBe('file:./data/bot.db')
    expect(config.env.FEISHU_BASE_URL).toBe('https://open.feishu.cn')
    expect(config.env.DINGTALK_API_BASE_URL).toBe('https://api.dingtalk.com')
    expect(config.feishu).toBeUndefined()
    expect(config.dingtalk).toBeUndefined()
    expect(config.env.SIMULATOR).toBe('on')
  })

  test('names the bad variable and never echoes its value', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(/DATABASE_URL/)
    try {
      parseEnv({ DATABASE_URL: 'mysql://root:hunter2@db/x' })
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2')
    }
  })

  test('a half-configured platform is an error that lists what is missing', () => {
    expect(() => parseEnv({ FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718' })).toThrow(
      /FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN/,
    )
  })

  test('a fully configured platform is on, with trailing slashes trimmed', () => {
    const config = parseEnv({
      FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
      FEISHU_APP_SECRET: 's',
      FEISHU_VERIFICATION_TOKEN: 'v',
      FEISHU_BASE_URL: 'http://127.0.0.1:9999/',
      NODE_ENV: 'production',
    })
    expect(config.feishu).toMatchObject({
      appId: 'cli_a1b2c3d4e5f60718',
      baseUrl: 'http://127.0.0.1:9999',
      mode: 'webhook',
    })
    expect(config.env.SIMULATOR).toBe('off')
  })
})
