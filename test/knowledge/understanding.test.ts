// How questions are read before searching (English, homophone typos, preambles, several questions) and how the
// answer answers them (the fact asked first, who a measure is for, what the plan does not state, every clause of
// the plan answerable). Examples are the issue's; the evaluation (test/eval) measures on questions nobody tuned on.
import { readFile } from 'node:fs/promises'
import { describe, expect, it, onTestFinished } from 'vitest'
import { renderCardText } from '../../src/cards/render-text.ts'
import { createEnglishMap, createHomophoneMatcher, normalizeText } from '../../src/features/knowledge/normalize.ts'
import { CLAUSE_ENTRY_PREFIX, clauseIdsOf, parsePlan } from '../../src/features/knowledge/plan.ts'
import { focusOf, splitQuestions } from '../../src/features/knowledge/questions.ts'
import { POLICY_FILE } from '../eval/evaluate.ts'
import { openAsker } from '../eval/harness.ts'
import { realService } from './helpers.ts'

const service = await realService()
const policy = await readFile(POLICY_FILE, 'utf8')
const words = (q: string) => service.searches(q).entries.words
const replyOf = (q: string) => {
  const c = service.classify(q)
  const answer = c.intent === 'policy_answer' ? service.answer(q, c.data.entryIds, { scores: c.data.scores }) : null
  return { c, answer, text: answer ? renderCardText(answer.card).text : '' }
}

describe('normalising a question', () => {
  it('keeps Latin words apart and glues nothing else', () => {
    expect(normalizeText('Green  Product 认证')).toBe('green product认证')
    expect(normalizeText('“品字标” Ｚｈｅｊｉａｎｇ')).toBe('品字标zhejiang')
  })

  it('reads English terms as the plan words, whole words only', () => {
    const english = createEnglishMap({ 质量贷: ['quality loan'], 认证: ['certification'], 标准: ['standard'] })
    expect(english.translate('can we get a quality loan?')).toContain('质量贷')
    expect(english.translate('certifications')).toContain('认证')
    expect(english.translate('standardless')).toBe('standardless')
  })

  it('reads a homophone typo of a domain term as the term, never a real word as another', () => {
    const m = createHomophoneMatcher(['质量贷', '质量奖', '首席质量官'], ['贷代带', '奖将讲', '官关管'])
    expect(m.at('质量代', 0)).toBe('质量贷')
    expect(m.at('首席质量关', 0)).toBe('首席质量官')
    expect(m.at('质量管理', 0)).toBeUndefined()
    expect(words('质量管理体系')).not.toContain('质量官')
  })

  it('reads the longest term, and no term where a typed character could be two', () => {
    const m = createHomophoneMatcher(['首席质量官', '质量官', '质量贷', '质量袋'], ['官关管', '贷代袋'], 2)
    expect(m.at('首席质量关是谁', 0)).toBe('首席质量官')
    expect(m.at('问下质量关', 2)).toBe('质量官')
    expect(m.at('质量代', 0)).toBeUndefined()
  })

  it('takes a character read two ways as either reading (行: xíng and háng)', () => {
    const m = createHomophoneMatcher(['银行贷', '行动方案'], ['航杭行', '型形行星'])
    expect(m.at('银航贷', 0)).toBe('银行贷')
    expect(m.at('型动方案', 0)).toBe('行动方案')
  })

  it('understands typos, English and mixed questions on the real dictionary', () => {
    expect(words('质量代怎么办')).toContain('质量贷')
    expect(words('三铜是什么')).toContain('三同')
    // Only the generated pinyin groups (knowledge/_homophones.yaml) know that 桐 is read like 同.
    expect(words('三桐要求企业怎么才能达到')).toContain('三同')
    expect(words('Can we get a quality loan?')).toEqual(['质量贷'])
    expect(words('品字标 certification 有啥 benefit')).toEqual(expect.arrayContaining(['品字标', '认证']))
    expect(words('ISO9001认证')).toContain('体系认证')
    expect(service.classify('Can we get a quality loan?').data.entryIds[0]).toBe('quality-loan')
  })
})

describe('where the questions are', () => {
  it('finds the question after a long preamble', () => {
    const text = normalizeText('你好，我是一家做鞋的小厂的办公室文员，老板最近让我了解一下，我们想知道质量奖分几级')
    expect(focusOf(text)).toBe('我们想知道质量奖分几级')
    expect(focusOf('质量贷是什么')).toBeUndefined()
    // A closing favour ("能帮我捋一下吗") asks nothing of its own: the question before it is the one.
    const favour = normalizeText(
      '老板丢给我一份文件，让我讲讲这个行动主要目标有哪几块、都定了什么数字。能帮我捋一下吗？',
    )
    expect(focusOf(favour)).toBe('让我讲讲这个行动主要目标有哪几块、都定了什么数字')
  })

  it('reads A-not-A questions as the word asked about', () => {
    expect(words('企业满不满意你们怎么知道')).toContain('满意')
    expect(splitQuestions(normalizeText('1.质量奖几级 2.四重清单是啥'))).toHaveLength(2)
    expect(splitQuestions(normalizeText('我们是做眼镜片加工的。测量管理体系怎么说'))).toHaveLength(1)
  })

  it('splits up to three questions, and "A和B分别…" into two', () => {
    expect(splitQuestions('绿色认证和三同分别怎么帮扶？')).toEqual(['绿色认证怎么帮扶？', '三同怎么帮扶？'])
    expect(splitQuestions('质量管家是什么？首席质量官呢？')).toHaveLength(2)
    expect(splitQuestions('质量贷是什么')).toEqual(['质量贷是什么'])
    expect(splitQuestions('甲是啥？乙是啥？丙是啥？丁是啥？')).toHaveLength(3)
  })
})

describe('the plan as clauses', () => {
  const clauses = parsePlan(policy)

  it('has every chapter and item, with the ids answers cite', () => {
    expect(clauses.map((c) => c.id)).toEqual(
      expect.arrayContaining(['一、', '一、(三)', '二、(一)', '三、(五)', '三、(九)', '四、(五)']),
    )
    expect(clauses.find((c) => c.id === '三、(五)')?.title).toBe('优化计量技术服务')
    expect(clauseIdsOf('三、(四)；四、(三)')).toEqual(['三、(四)', '四、(三)'])
    expect(clauseIdsOf('一、(一)(二)(三)')).toEqual(['一、(一)', '一、(二)', '一、(三)'])
  })

  it('answers from every clause with its citation', () => {
    for (const clause of clauses.filter((c) => c.id.includes('('))) {
      const answer = service.answer(clause.title, [`${CLAUSE_ENTRY_PREFIX}${clause.id}`])
      expect(answer?.citations[0]?.source, clause.id).toBe(`《瓯海区质量强企千百行动方案》${clause.id}`)
      expect(renderCardText(answer!.card).text).toContain(`依据：《瓯海区质量强企千百行动方案》${clause.id}`)
    }
  })
})

describe('answering the question asked', () => {
  it('gives the fact first: how many levels', () => {
    const { text } = replyOf('政府质量奖分几个级别')
    expect(text).toContain('国家、省、市、县四级')
  })

  it('says the plan word when asked yes or no', () => {
    const { text, answer } = replyOf('一站式平台是五星的不')
    expect(answer?.citations[0]?.source).toContain('三、(七)')
    expect(text).toContain('争取')
  })

  it('says the plan states no amount, without repeating the one heard', () => {
    const { text } = replyOf('听说品字标奖励50万是真的吗')
    expect(text).toContain('方案未明确具体金额')
    expect(text).not.toContain('50万')
  })

  it('says a rumour the plan does not hold is not in it, in any numerals', () => {
    for (const q of [
      '听说拿了品字标的企业三年内免于监督抽查，真的假的？',
      '群里有人说市计量院来厂里校准可以打五折，有这回事吗',
    ]) {
      expect(replyOf(q).text).toContain('方案中没有写明这一说法')
    }
    // …and one it does hold is answered from the clause, without doubt cast on it.
    const { text } = replyOf('听说以后省市区不会重复来抽查了，是真的吗')
    expect(text).toContain('三级抽查不重复')
    expect(text).not.toContain('没有写明')
  })

  it('tells a clothing firm the eyewear action is for eyewear', () => {
    const { text } = replyOf('我们做服装的，能参加眼镜行业质量管理体系认证提升行动吗')
    expect(text).toContain('面向眼镜行业')
  })

  it('answers two questions in one card, each with its citation', () => {
    const { answer, text } = replyOf('质量管家是什么？首席质量官呢？')
    expect(answer?.card.template).toBe('policy-answers')
    expect(answer?.citations.map((c) => c.source)).toEqual([
      '《瓯海区质量强企千百行动方案》三、(七)',
      '《瓯海区质量强企千百行动方案》三、(九)',
    ])
    expect(text).toContain('问题一')
    expect(text).toContain('问题二')
  })

  it('declines what the plan does not cover, offering a ticket', () => {
    expect(service.classify('高新技术企业认定什么时候申报').intent).toBe('out_of_scope')
  })

  it('declines the programmes of other districts, whatever plan words they use', () => {
    for (const q of ['鹿城区品字标奖励多少', '龙湾区的质量奖怎么申报', '隔壁鹿城区的质量奖政策和瓯海一样吗']) {
      expect(service.classify(q)).toMatchObject({ intent: 'out_of_scope', data: { reason: 'elsewhere' } })
    }
    // Where the asker is, or a question about 瓯海 itself, is not another district's programme.
    expect(service.classify('公司注册在龙湾，瓯海有工厂，品字标培育能算我们吗').data.reason).not.toBe('elsewhere')
    expect(service.classify('上海那边有首席质量官补贴，瓯海有吗').data.reason).not.toBe('elsewhere')
  })

  it('declines work the plan never does, even next to a plan word', () => {
    for (const q of ['抽检不合格怎么申请复检', '计量器具型式批准在哪里申请']) {
      expect(service.classify(q).intent).toBe('out_of_scope')
    }
    // A topic that only qualifies a plan term does not decide it.
    expect(service.classify('当首席质量官有职称要求吗').intent).not.toBe('out_of_scope')
  })

  it('declines writing for someone, but answers a question that only mentions writing', async () => {
    const asker = await openAsker(service)
    onTestFinished(() => asker.close())
    const declined = await asker.ask('帮我写篇世界计量日的宣传稿，800字左右')
    expect(declined.intent).toBe('out_of_scope')
    expect(declined.text).toContain('撰写文稿')
    const asked = await asker.ask('我们要写一篇宣传稿。请问这个行动的总体要求是什么？')
    expect(asked.intent).toBe('policy_answer')
  })

  it('declines without repeating a figure the topic names', async () => {
    const asker = await openAsker(service)
    onTestFinished(() => asker.close())
    const reply = await asker.ask('顾客说鞋有质量问题，要求三倍赔偿，法律上我们要赔吗？')
    expect(reply.intent).toBe('out_of_scope')
    expect(reply.text).not.toContain('三倍')
  })

  it('answers a question that turns to the plan after an out-of-scope story in the same sentence', () => {
    expect(service.classify('环保局刚来查完排污，顺便问下你们有没有绿色认证这块的培育帮扶？').intent).toBe(
      'policy_answer',
    )
    // …but a subject put first is what is asked about.
    expect(service.classify('新研发的计量器具要做型式批准，流程怎么走').intent).toBe('out_of_scope')
  })

  it('declines how to get a certificate another body issues, and says which', () => {
    expect(service.classify('我们想办个检测实验室，CMA资质认定首次申请要准备啥材料').data).toMatchObject({
      reason: 'procedure',
      topic: 'CMA',
    })
    expect(service.classify('3C强制性认证要去哪个机构申请').intent).toBe('out_of_scope')
    expect(service.classify('眼镜架国家标准最新版是哪年发布的').intent).toBe('out_of_scope')
    // The plan's own use of them is answered.
    expect(service.classify('实验室资质认定的风险预警会推送给我们吗').intent).toBe('policy_answer')
    expect(service.classify('许可证、强制性认证类产品的企业要建立什么机制').intent).toBe('policy_answer')
    // Which body does it and the content of a standard are theirs too; so is a registration abroad.
    expect(service.classify('CCC认证找哪家认证机构做，费用大概多少').data).toMatchObject({ topic: 'CCC' })
    expect(service.classify('童鞋国家标准里对鞋底耐磨性能具体怎么要求的').intent).toBe('out_of_scope')
    expect(service.classify('眼镜出口美国要不要做FDA注册，流程怎么走').data).toMatchObject({ topic: 'FDA' })
  })

  it('takes asking for a person as a request, not a duty to staff someone', () => {
    for (const q of ['转人工', '帮我找个工作人员来对接一下']) expect(service.classify(q).intent).toBe('ticket')
    const q = '听说局里要引导企业搞日管控、周排查、月调度，还要配专人，我们办公室就三个人，到底要做哪些？'
    const c = service.classify(q)
    expect(c.intent).toBe('policy_answer')
    expect(c.data.entryIds[0]).toBe('daily-weekly-monthly')
  })

  it("declines another department's programme and an app's account, but not a story that mentions them", () => {
    for (const q of ['经信局的中小企业数字化改造补助怎么申报', '浙江质量在线APP密码忘了怎么找回']) {
      expect(service.classify(q)).toMatchObject({ intent: 'out_of_scope', data: { reason: 'topic' } })
    }
    expect(service.classify('环保局刚来查完排污，顺便问下区里有没有绿色认证的帮扶').intent).toBe('policy_answer')
  })

  it('declines special equipment, product labelling and personal certificates, whatever plan word comes with them', () => {
    for (const q of [
      '空压机的储气罐多久要定期检验一次',
      '鞋子的产品合格证上必须标哪些内容',
      '计量员证培训要交多少钱，去哪里考',
    ]) {
      expect(service.classify(q).intent).toBe('out_of_scope')
    }
  })
})
