import { expect, test } from 'vitest'
import { helpRecognizer } from '../../src/features/help/help.recognizer.ts'

const recognize = (text: string) => helpRecognizer.recognize(text, {} as never, {} as never)

test.each(['帮助', '菜单', '你能做什么', '你都能干啥？', '有哪些功能', '怎么用', '？'])(
  '"%s" asks for help',
  (text) => {
    expect(recognize(text)).toEqual({ intent: 'help', confidence: 1 })
  },
)

test.each(['标准化工作有哪些服务', '计量方面你们能帮我做什么检测', '质量贷怎么用'])(
  '"%s" is a policy question, not help',
  (text) => {
    expect(recognize(text)).toBeNull()
  },
)
