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

/** Longer terms are not read with a homophone swapped (they are rarely typed whole with one wrong character). */
const MAX_HOMOPHONE_TERM = 8

export interface TrieNode {
  /** Keyed by UTF-16 code unit: `text[i]` would allocate a string per CJK character. */
  next: Map<number, TrieNode>
  word?: string
}

/** The words in a trie of UTF-16 code units (the tokenizer's dictionary, the homophone reading's terms). */
export function buildTrie(words: Iterable<string>): TrieNode {
  const root: TrieNode = { next: new Map() }
  for (const word of words) {
    let node = root
    for (let i = 0; i < word.length; i++) {
      const ch = word.charCodeAt(i)
      let child = node.next.get(ch)
      if (!child) {
        child = { next: new Map() }
        node.next.set(ch, child)
      }
      node = child
    }
    node.word = word
  }
  return root
}

export interface HomophoneMatcher {
  /** The domain term a window starting at `at` spells with one homophone swapped (质量代 → 质量贷), if any. */
  at(text: string, at: number): string | undefined
}

/**
 * Terms of `minLength` to 8 characters in a trie: from a position of the question, the walk follows the typed
 * character and, once, a homophone of it (one group of `groups`), so 标准化 never reads as 标准贷. For each length,
 * longest first, and each swapped position, first first, a window that spells exactly one term is read as it.
 */
export function createHomophoneMatcher(terms: Iterable<string>, groups: string[], minLength = 3): HomophoneMatcher {
  // A character can be read several ways (行: xíng, háng), so it can belong to several groups.
  const alike = new Map<number, Set<number>>()
  for (const g of groups) {
    const codes = [...g].map((ch) => ch.charCodeAt(0))
    for (const a of codes) {
      const set = alike.get(a) ?? new Set<number>()
      for (const b of codes) if (b !== a) set.add(b)
      alike.set(a, set)
    }
  }
  const root = buildTrie([...new Set(terms)].filter((t) => t.length >= minLength && t.length <= MAX_HOMOPHONE_TERM))
  return {
    at(text, at) {
      // Every term the window spells with one character swapped: [length, swapped position, term].
      const found: [number, number, string][] = []
      const walk = (node: TrieNode, j: number, swapped: number) => {
        if (node.word !== undefined && swapped >= 0) found.push([j - at, swapped, node.word])
        if (j >= text.length || j - at >= MAX_HOMOPHONE_TERM) return
        const code = text.charCodeAt(j)
        const exact = node.next.get(code)
        if (exact) walk(exact, j + 1, swapped)
        if (swapped >= 0) return
        for (const other of alike.get(code) ?? []) {
          const next = node.next.get(other)
          if (next) walk(next, j + 1, j - at)
        }
      }
      walk(root, at, -1)
      if (!found.length) return undefined
      // 质量? is 质量奖, 质量贷, 质量月 …: a length and position that spell two terms say nothing.
      found.sort((a, b) => b[0] - a[0] || a[1] - b[1])
      for (let k = 0; k < found.length; ) {
        let end = k + 1
        while (end < found.length && found[end]![0] === found[k]![0] && found[end]![1] === found[k]![1]) end++
        if (end - k === 1) return found[k]![2]
        k = end
      }
      return undefined
    },
  }
}
