// "鞋类有哪些浙江制造标准" / "汽摩配的浙江制造标准" / "我们行业有哪些先进标准": which industry and which kind.
import type { Industry } from '../enterprises/honour-kinds.ts'

const INDUSTRY_WORDS: [Industry, RegExp][] = [
  ['鞋服', /鞋服|鞋类|鞋业|鞋子|皮鞋|童鞋|运动鞋|鞋|服装|服饰/],
  ['汽摩配', /汽摩配|汽摩|汽配|摩配|汽车零部件|汽车配件|摩托车配件|汽车/],
  ['锁具', /锁具|锁业|门锁|智能锁|锁/],
  ['眼镜', /眼镜|镜架|镜片|光学/],
]

/** Asks for a list of standards (not how to draft one: that is a policy question for the knowledge base). */
const LIST =
  /(有哪些|有什么|哪些|都有啥|有啥|清单|列表|目录|名单|列一下|列出|查一下|查询|多少项|几项|几个).{0,12}标准|标准.{0,6}(有哪些|有什么|清单|列表|目录|名单|有几项|有多少)/

export interface StandardsQuestion {
  /** null: the industry was not named ("我们行业" → the bound enterprise's; otherwise all). */
  industry: Industry | null
  /** 我们/我司: use the asker's own industry when they are bound. */
  own: boolean
  zhejiangMade: boolean
}

export function parseStandardsQuestion(text: string): StandardsQuestion | null {
  if (!LIST.test(text)) return null
  if (/怎么|如何|怎样|流程|申报|扶持|补助|奖励|制定.{0,4}(要|需)/.test(text)) return null
  // The plan's target (今年计划新增多少项先进标准) and criteria (评选标准, 收费标准) are not the standards library.
  if (/新增|目标|计划|(评选|评审|评分|认定|收费|补助|申请|准入)标准/.test(text)) return null
  const industry = INDUSTRY_WORDS.find(([, re]) => re.test(text))?.[0] ?? null
  const zhejiangMade = /浙江制造|品字标/.test(text)
  const own = /我们|我司|本企业|咱们|我们行业|本行业/.test(text)
  if (!industry && !own && !zhejiangMade) return null
  return { industry, own, zhejiangMade }
}
