// What an eligibility question asks: the 质量贷/标准贷 增信 check ("我们能办质量贷吗？", "标准贷需要什么条件") or
// the finder ("我们还能争取哪些奖/认证？"). Shared by the recognizer and by the handler, which may also be reached
// through the knowledge classifier's `eligibility` intent and then works from the text alone.

export type EligibilityKind = 'loan' | 'finder'
export interface EligibilityQuestion {
  kind: EligibilityKind
  product?: '质量贷' | '标准贷'
}

const LOAN_WORD = /质量贷|标准贷|增信|贷款|融资/
const LOAN_ASK =
  /能不能|能否|可以|可不可以|能办|能申请|能贷|能拿|够不够|够格|符合|符不符合|有没有资格|资格|条件|门槛|要求|需要什么|要什么|行不行|能行/
/** Amounts, rates and banks: the plan is silent on them; the knowledge answer says so with its citation. */
const SILENT_ON = /额度|多少钱|贷多少|利率|利息|几个点|贴息|哪家银行|哪个银行|哪些银行|流程|材料/
const FINDER =
  /(还能|还可以|可以|能|应该|适合|值得|怎么)(去)?(争取|申报|申请|评|拿|冲|考虑|参评).{0,8}(奖|认证|荣誉|称号)|(哪些|什么|啥|哪个)(奖|认证|荣誉|称号|资质).{0,10}(能|可以|适合|值得|还)(去)?(争取|申报|申请|评|拿|冲)|(还差|还缺)(哪些|什么|啥)(奖|认证|荣誉)/

/**
 * "质量贷…方案里是怎么写的": what the plan says, which the knowledge answer quotes, not a check of the record —
 * unless the message also asks about us ("…我们能办吗").
 */
const PLAN_SAYS =
  /方案(里|中|上)?(是)?(怎么|如何|咋)(写|说|讲|规定)|(方案|政策)(原文|原话)|方案(里|中)?有(什么|哪些)(规定|说法)/
const ABOUT_US =
  /(我们|我司|咱们?|我厂|我家|本公司|本企业)(厂|公司)?(能|可以|可不可以|能不能|能否|够不够|符合|符不符合|有没有资格|够格)/
const asksThePlan = (text: string) => PLAN_SAYS.test(text) && !ABOUT_US.test(text)
/**
 * "争创质量奖有什么辅导？拿了奖能拿来贷款增信吗？": the loan is one of several questions, none about us — the knowledge
 * answer takes each with its clause; a check of the record would drop the others.
 */
const oneOfSeveral = (text: string) => {
  const questions = text.split(/(?<=[？?])/).filter((q) => /[？?]$/.test(q) && q.length > 3)
  const loan = questions.filter((q) => LOAN_WORD.test(q))
  const finder = questions.filter((q) => !LOAN_WORD.test(q) && FINDER.test(q))
  return loan.length > 0 && loan.length < questions.length && !finder.length && !ABOUT_US.test(text)
}

/** Another kind of loan (创业担保贷款): not the plan's 增信, so not this check; the knowledge feature declines it. */
const OTHER_LOAN = /(创业|担保|抵押|信用|经营|个人|助学|房|车|贴息)贷款?|房贷|车贷|经营贷/

const productOf = (text: string): EligibilityQuestion['product'] =>
  text.includes('标准贷') ? '标准贷' : text.includes('质量贷') ? '质量贷' : undefined

/** The question when the text clearly asks one; null otherwise (the recognizer then stays out of the way). */
export function parseEligibilityQuestion(text: string): EligibilityQuestion | null {
  if (asksThePlan(text) || oneOfSeveral(text)) return null
  // "质量贷能拿什么荣誉去增信": which honours count for the loan, not which to pursue next.
  if (FINDER.test(text) && !/增信/.test(text)) return { kind: 'finder' }
  const otherLoan = OTHER_LOAN.test(text) && !/质量贷|标准贷/.test(text)
  if (LOAN_WORD.test(text) && LOAN_ASK.test(text) && !SILENT_ON.test(text) && !otherLoan)
    return { kind: 'loan', product: productOf(text) }
  return null
}

/** Best reading of any text routed here (e.g. by the knowledge classifier): loan unless it asks about awards. */
export function readEligibilityQuestion(text: string, data?: Record<string, unknown>): EligibilityQuestion {
  if (data?.kind === 'loan' || data?.kind === 'finder') {
    const product = data.product === '质量贷' || data.product === '标准贷' ? data.product : productOf(text)
    return { kind: data.kind, product }
  }
  const parsed = parseEligibilityQuestion(text)
  if (parsed) return parsed
  if (!LOAN_WORD.test(text) && /奖|认证|荣誉|称号/.test(text)) return { kind: 'finder' }
  return { kind: 'loan', product: productOf(text) }
}
