// Where in a message the question is. People write a preamble before asking ("我是做鞋的小厂的文员，老板让我问问，
// 质量奖分几级") and ask two or three things at once ("绿色认证和三同分别怎么帮扶？", "质量管家是什么？首席质量官呢？").
// Pure text work on normalised text; the classifier and the answer decide what each piece is worth.

const CLAUSE_END = /[，,。.！!？?；;\n]+/
// 推不推, 满不满意, 出来了没: A-not-A asks too; 好几万 and 十几家 do not.
const QUESTION_CUE =
  /[吗呢么嘛伐]|怎么|怎样|什么|啥|哪|(?<![好十没])几(?!乎)|多少|是否|如何|咋|谁|分别|(\p{Script=Han})[不没]\1|呀$|(?:了|过)没有?[？?]?$/u
const SENTENCE_END = /(?<=[？?！!。；;\n])|(?<=[吗呢])[，,]/
/** Asking without a question word: 介绍一下质量贷。 */
const TELL_ME = /介绍|说说|讲讲|说一下|讲一下|解释|科普/
/** Words that start another question in the same sentence. */
const NEXT_QUESTION = /(?:另外|还有|再问一下|再问|顺便问一下|顺便问|以及|同时|此外|那么|然后)[，,：:]?/g
/** "1.质量奖几级 2.四重清单是啥": a numbered list asks one question per number (2.5万 is a number). */
const NUMBERED = /(?<![\d.])\d{1,2}[.、)）]\s*(?=\p{Script=Han})/gu
const STATEMENT_END = /[。！!]$/
const MIN_PREAMBLE = 24
const MAX_QUESTIONS = 3
/** A clause shorter than this ("怎么办") leans on its neighbour for its subject. */
const MIN_ASKING = 5

/** A favour asked at the end of a message ("能帮我捋一下吗", "麻烦解释下"), naming nothing. */
const HELP_ME =
  /^(你|您)?(能|能不能|可以|可不可以|麻烦|请)?(你|您)?(帮我|帮忙|给我|替我|帮)?(们)?(捋|理|讲|说|解释|介绍|梳理|总结|列|整理|看)(一下|下|一捋|清楚|讲)?(吗|嘛|呢|不|啊)?$/

/**
 * The question inside a long message: its clauses that ask something (from the first that does to the end), or
 * undefined when the message is short or has no such clause.
 */
export function focusOf(text: string): string | undefined {
  if (text.length < MIN_PREAMBLE) return undefined
  const clauses = text.split(CLAUSE_END).filter(Boolean)
  const asking = clauses.findIndex((c) => QUESTION_CUE.test(c))
  if (asking < 0) return undefined
  let lastAsking = clauses.findLastIndex((c) => QUESTION_CUE.test(c))
  let end = clauses.length
  // "…主要目标有哪几块、都定了什么数字。能帮我捋一下吗？": the closing favour asks nothing of its own.
  if (HELP_ME.test(clauses[lastAsking]!.replace(/[？?！!。\s]/g, '')) && lastAsking > asking) {
    end = lastAsking
    lastAsking = clauses.findLastIndex((c, i) => i < end && QUESTION_CUE.test(c))
  }
  const focus = clauses.slice(lastAsking, end).join('，')
  return focus.length < text.length ? focus : undefined
}

/** The message from its first sentence that asks something to the end (the whole message when none does). */
export function askingSentences(text: string): string {
  const sentences = text.split(/(?<=[。！!？?\n])/)
  // A sentence closed with 。 tells (摸索了几个月也没找到原因。); one closed with ？, or not closed, may ask.
  const asks = (s: string) => /[？?]$/.test(s) || (!/[。！!]$/.test(s) && (QUESTION_CUE.test(s) || TELL_ME.test(s)))
  const first = sentences.findIndex(asks)
  return first > 0 ? sentences.slice(first).join('') : text
}

const TURNS_TO_ASK = /顺便问|想问|问一下|问下|请问|另外|还有|这次行动|这个行动|千百行动|方案里|方案中|区里/

/**
 * The clauses of a sentence from the first that asks something to the end: "环保局刚来查完排污，顺便问下有没有绿色认证的
 * 帮扶" → the second; the whole text when no clause asks.
 */
export function askingClauses(text: string): string {
  const clauses = text.split(/(?<=[，,：:；;。.！!？?\n])/)
  const first = clauses.findIndex((c) => QUESTION_CUE.test(c) || TELL_ME.test(c))
  // Only a clause that turns to the question ("顺便问下…", "这次行动对我们…") leaves what came before as the story;
  // "新研发的计量器具要做型式批准，流程怎么走" fronts its subject.
  return first > 0 && TURNS_TO_ASK.test(clauses[first]!) ? clauses.slice(first).join('') : text
}

/** A clause telling what the asker is or has ("我们有营业执照", "我们是做食品的"). */
const SELF_STATEMENT = /^(?:我们|我司|我厂|本公司|我们公司|我们厂|咱们)(?:公司|厂)?(?:是|有|已经|已|刚|在|做|属于|主要)/

/** The question without the clauses that only tell about the asker ("我们有营业执照，质量贷是什么" → 质量贷是什么). */
export function withoutSelfStatements(text: string): string {
  const clauses = text.split(/(?<=[，,])/)
  const kept = clauses.filter((c) => !(SELF_STATEMENT.test(c) && !QUESTION_CUE.test(c) && !TELL_ME.test(c)))
  return kept.length && kept.length < clauses.length ? kept.join('') : text
}

/**
 * The questions of a message, at most three: sentences, and "A和B分别…" read as "A…" and "B…". One question
 * gives a list of one (the message itself).
 */
export function splitQuestions(text: string): string[] {
  const sentences = text
    .replace(NEXT_QUESTION, '？')
    .replace(NUMBERED, '？')
    .split(SENTENCE_END)
    .map((s) => s.replace(/^[，,。？?！!；;\s]+|[，,；;\s]+$/g, ''))
    .filter((s) => s.replace(/[？?。！!]/g, '').length >= 2)
  // What the asker tells first ("我们是做眼镜片加工的。") is context, not a question to answer on its own; someone
  // who closes questions with ？ closes what they tell with 。 ("还听说有什么质量贷、检测费减免。").
  const marks = /[？?]/.test(text)
  const told = (s: string) => marks && STATEMENT_END.test(s)
  const questions = sentences
    .filter((s) => !told(s))
    .flatMap(splitAsking)
    .flatMap(splitRespectively)
    .filter((q) => QUESTION_CUE.test(q) || TELL_ME.test(q))
  return questions.length > 1 ? questions.slice(0, MAX_QUESTIONS) : [text]
}

/** "计量服务找谁，风险预警怎么推送" → both, when every comma-separated clause asks something on its own. */
function splitAsking(sentence: string): string[] {
  const clauses = sentence.split(/[，,]/).filter(Boolean)
  const own = clauses.length > 1 && clauses.every((c) => c.length >= MIN_ASKING && QUESTION_CUE.test(c))
  return own ? clauses : [sentence]
}

/** "A和B分别怎么帮扶" → ["A怎么帮扶", "B怎么帮扶"]; anything else unchanged. */
function splitRespectively(sentence: string): string[] {
  const m = /^(.{2,20}?)(?:和|与|跟|以及|还有|、)(.{2,20}?)(分别|各自|各|都)(.*)$/.exec(sentence)
  if (!m) return [sentence]
  const tail = m[4]!
  return [`${m[1]}${tail}`, `${m[2]}${tail}`]
}
