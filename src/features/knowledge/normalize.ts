// What a question looks like before it is segmented: English terms read as the plan's Chinese ones ("quality loan"
// → 质量贷), Latin words kept apart (never glued into "qualityloan"), and typed-by-phone homophones (质量代, 首席质量关)
// read as the domain term they resemble. Our own code and data (knowledge/_dictionary.yaml), no segmenter package:
// the knowledge feature also runs on Cloudflare Workers.

const QUOTES = /[“”"'‘’「」『』《》〈〉【】]/g
const LATIN = /[a-z0-9]/
const HAN = /\p{Script=Han}/u

/**
 * Lower-cased NFKC text without quotes; whitespace is dropped except one space between two Latin words or numbers,
 * so "green product" stays two words while "品字标 Zhejiang" becomes 品字标zhejiang.
 */
export function normalizeText(text: string): string {
  const t = text.normalize('NFKC').toLowerCase().replace(QUOTES, '')
  return t.replace(/\s+/g, (space, at: number) => {
    const before = t[at - 1] ?? ''
    const after = t[at + space.length] ?? ''
    if (LATIN.test(before) && LATIN.test(after)) return ' '
    // On a phone a space between two Chinese phrases is the comma ("有啥用啊 我们眼镜厂老板天天问我").
    return HAN.test(before) && HAN.test(after) ? '，' : ''
  })
}

export interface EnglishMap {
  /** Rewrites the English terms of lower-cased text as their Chinese term (whole words, longest phrase first). */
  translate(text: string): string
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `english` maps a Chinese term to its English phrasings; plural and -ed/-ing forms of the last word also match. */
export function createEnglishMap(english: Record<string, string[]>): EnglishMap {
  const pairs = Object.entries(english).flatMap(([zh, phrases]) =>
    phrases.map(
      (p) =>
        [
          p
            .normalize('NFKC')
            .toLowerCase()
            .trim()
            .replace(/[\s-]+/g, ' '),
          zh,
        ] as const,
    ),
  )
  if (!pairs.length) return { translate: (text) => text }
  pairs.sort((a, b) => b[0].length - a[0].length)
  const to = new Map(pairs)
  const alternatives = pairs.map(([p]) => escapeRegExp(p).replace(/ /g, '[\\s-]+'))
  const pattern = new RegExp(`(?<![a-z])(${alternatives.join('|')})(?:s|es|ed|ing)?(?![a-z])`, 'g')
  return {
    translate(text) {
      if (!/[a-z]/.test(text)) return text
      // A space keeps the Chinese term apart from a Latin word beside it; next to Chinese it would read as a comma.
      return text.replace(pattern, (match: string, phrase: string, at: number, whole: string) => {
        const before = LATIN.test(whole[at - 1] ?? '') ? ' ' : ''
        const after = LATIN.test(whole[at + match.length] ?? '') ? ' ' : ''
        return `${before}${to.get(phrase.replace(/[\s-]+/g, ' ')) ?? phrase}${after}`
      })
    },
  }
}

const englishMaps = new WeakMap<Record<string, string[]>, EnglishMap>()
/** The map of a dictionary's `english` table, built once however many readers ask for it. */
export function englishMapOf(english: Record<string, string[]>): EnglishMap {
  let map = englishMaps.get(english)
  if (!map) {
    map = createEnglishMap(english)
    englishMaps.set(english, map)
  }
  return map
}

/** Normalised text with its English terms read as the plan's Chinese ones ("export license" → 出口许可). */
export const inChinese = (text: string, english: EnglishMap) =>
  normalizeText(english.translate(text.normalize('NFKC').toLowerCase()))

export interface HomophoneMatcher {
  /** The domain term a window starting at `at` spells with one homophone swapped (质量代 → 质量贷), if any. */
  at(text: string, at: number): string | undefined
}

/**
 * Terms of `minLength`+ characters, each with every one character swapped for a `?`: a window of the question
 * with one character swapped the same way finds the term in one lookup per position. The swapped characters must
 * be homophones (one group of `groups`), so 标准化 never reads as 标准贷.
 */
export function createHomophoneMatcher(terms: Iterable<string>, groups: string[], minLength = 3): HomophoneMatcher {
  // A character can be read several ways (行: xíng, háng), so it can belong to several groups.
  const groupsOf = new Map<string, Set<number>>()
  groups.forEach((g, i) => {
    for (const ch of g) groupsOf.set(ch, (groupsOf.get(ch) ?? new Set()).add(i))
  })
  const alike = (a: string, b: string) => {
    const of = groupsOf.get(a)
    if (of) for (const g of groupsOf.get(b) ?? []) if (of.has(g)) return true
    return false
  }
  const variants = new Map<string, string[]>()
  const lengths = new Set<number>()
  for (const term of terms) {
    if (term.length < minLength || term.length > 8) continue
    lengths.add(term.length)
    for (let i = 0; i < term.length; i++) {
      if (!groupsOf.has(term[i]!)) continue
      const key = `${term.slice(0, i)}?${term.slice(i + 1)}`
      variants.set(key, [...(variants.get(key) ?? []), term])
    }
  }
  const byLength = [...lengths].sort((a, b) => b - a)
  return {
    at(text, at) {
      for (const length of byLength) {
        if (at + length > text.length) continue
        const window = text.slice(at, at + length)
        for (let i = 0; i < length; i++) {
          if (!groupsOf.has(window[i]!)) continue
          const terms = variants.get(`${window.slice(0, i)}?${window.slice(i + 1)}`) ?? []
          // 质量? is 质量奖, 质量贷, 质量月 …: only the one whose character sounds like the one typed.
          const near = terms.filter((t) => t !== window && alike(t[i]!, window[i]!))
          if (near.length === 1) return near[0]
        }
      }
      return undefined
    },
  }
}
