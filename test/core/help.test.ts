import { expect, test } from 'vitest'
import { helpRecognizer, notAQuestionRecognizer } from '../../src/features/help/help.recognizer.ts'

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

test.each(['1', ' 12 ', '。。'])('"%s" is no question: the menu, not a policy answer picked by chance', (text) => {
  expect(notAQuestionRecognizer.recognize(text, {} as never, {} as never)).toEqual({ intent: 'help', confidence: 1 })
  expect(notAQuestionRecognizer.recognize('质量贷1', {} as never, {} as never)).toBeNull()
})
