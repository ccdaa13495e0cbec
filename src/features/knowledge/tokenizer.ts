// Chinese text → search terms. Three layers, because each one alone fails on real questions:
//  1. the domain dictionary, matched longest-first, keeps terms such as 质量贷 or 首席质量官 whole (ICU splits them);
//  2. Intl.Segmenter ('zh', word) segments what the dictionary does not know;
//  3. character bigrams catch typos and phrasings neither knows (品字表 still shares 品字 with 品字标).
// Aliases and typos are replaced by their canonical term, on both the indexing and the question side.
import type { Dictionary } from './dictionary.ts'
import {
  buildTrie,
  createHomophoneMatcher,
  englishMapOf,
  inChinese,
  normalizeText,
  type TrieNode,
} from './normalize.ts'

export { normalizeText }

export interface Tokens {
  /** Dictionary and segmenter words, canonicalised, stopwords removed, in order (may repeat). */
  words: string[]
  /** Character bigrams of the CJK runs, prefixed with `~` so they never collide with words. */
  bigrams: string[]
}

export interface TokenizeOptions {
  /** A question (not an entry): homophone typos are read as the domain term they resemble. */
  query?: boolean
}

export interface Tokenizer {
  tokenize(text: string, options?: TokenizeOptions): Tokens
  /** Lower-cased NFKC text without quotes and spaces: what every matcher sees. */
  normalize(text: string): string
  /** Normalised text with its English terms read as the plan's Chinese ones ("export license" → 出口许可). */
  inChinese(text: string): string
  isStopword(word: string): boolean
  /** An ask word or silent-topic phrasing: says what kind of answer is wanted, not what about. */
  isNeutral(word: string): boolean
  /** A domain term: a dictionary word, synonym or entry keyword (not a neutral word). */
  isDomainTerm(word: string): boolean
  /** A broad term or a trade (检验检测, 中小微企业, 眼镜): often who asks or what kind of help, not the topic. */
  isBroad(word: string): boolean
}

const WORDLIKE = /[\p{L}\p{N}]/u
const LATIN_CHAR = /[a-z0-9]/
/** Long dictionary matches are also split by the segmenter so a question naming part of them still matches. */
const SUBWORD_MIN = 4
const GAP_CACHE_MAX = 50_000

export function createTokenizer(dictionary: Dictionary, extraWords: Iterable<string> = []): Tokenizer {
  const canonical = new Map<string, string>()
  const canon = (word: string) => canonical.get(word) ?? word
  for (const [head, aliases] of Object.entries(dictionary.synonyms)) {
    for (const alias of aliases) canonical.set(normalizeText(alias), normalizeText(head))
  }
  const domain = new Set<string>()
  for (const w of [...dictionary.words, ...extraWords, ...canonical.keys(), ...canonical.values()]) {
    const n = normalizeText(w)
    if (n.length > 1) domain.add(canon(n))
  }
  const broad = new Set([...dictionary.broad_terms, ...dictionary.sectors].map(normalizeText))
  const neutral = new Set([...dictionary.ask_words, ...Object.values(dictionary.silent_cues).flat()].map(normalizeText))
  const stopwords = new Set(dictionary.stopwords.map(normalizeText))
  for (const w of neutral) domain.delete(w)
  const english = englishMapOf(dictionary.english)
  const curated = new Set([...dictionary.words, ...Object.keys(dictionary.synonyms)].map(normalizeText))
  const homophones = createHomophoneMatcher(
    [...domain].filter((w) => w.length >= 3 || curated.has(w)),
    dictionary.homophones,
    2,
  )
  const trie = buildTrie([...domain, ...canonical.keys(), ...neutral, ...stopwords].filter((w) => w.length > 1))
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
  // ICU calls dominate indexing time; the same short gaps recur across entries, so their segmentation is cached.
  const gapCache = new Map<string, string[]>()
  const segment = (text: string, out: string[]) => {
    if (text.length === 1) {
      if (WORDLIKE.test(text)) out.push(text)
      return
    }
    let words = gapCache.get(text)
    if (!words) {
      words = []
      for (const s of segmenter.segment(text)) if (s.isWordLike || WORDLIKE.test(s.segment)) words.push(s.segment)
      if (gapCache.size >= GAP_CACHE_MAX) gapCache.clear()
      gapCache.set(text, words)
    }
    for (const w of words) out.push(w)
  }

  // Code units, not code points: every CJK character in use is in the BMP, and both sides index the same way.
  const longestAt = (text: string, start: number): string | undefined => {
    let node: TrieNode | undefined = trie
    let found: string | undefined
    for (let i = start; i < text.length && node; i++) {
      node = node.next.get(text.charCodeAt(i))
      if (node?.word) found = node.word
    }
    return found
  }

  const pieceCache = new Map<string, string[]>()
  const pieces = (word: string): string[] => {
    const cached = pieceCache.get(word)
    if (cached) return cached
    const found = new Set<string>()
    for (let i = 0; i < word.length; i++) {
      let node: TrieNode | undefined = trie
      for (let j = i; j < word.length && node; j++) {
        node = node.next.get(word.charCodeAt(j))
        if (node?.word && node.word !== word && domain.has(canon(node.word))) found.add(node.word)
      }
    }
    const segmented: string[] = []
    segment(word, segmented)
    for (const s of segmented) if (s.length > 1) found.add(s)
    const result = [...found]
    pieceCache.set(word, result)
    return result
  }

  const keep = (word: string, out: string[]) => {
    const w = canon(word)
    if (!stopwords.has(w)) out.push(w)
  }

  // Where ICU would cut the question: a homophone reading must start and end on such a cut, so 质量管理 never
  // reads as 质量官 + 理 while 首席质量关 + 是 reads as 首席质量官.
  const cutsOf = (text: string) => {
    const cuts = new Set<number>([text.length])
    for (const s of segmenter.segment(text)) cuts.add(s.index)
    return cuts
  }
  const words = (text: string, query: boolean): string[] => {
    const raw: string[] = []
    // Segmenting the whole question costs more than the rest of reading it, and only a homophone reading needs it.
    let cuts: Set<number> | undefined
    const cut = (at: number) => {
      cuts ??= cutsOf(text)
      return cuts.has(at)
    }
    let gapStart = -1
    for (let i = 0; i < text.length; ) {
      // A Latin word or number is one token: never "plat" + "for" + "m".
      if (LATIN_CHAR.test(text[i]!)) {
        let end = i + 1
        while (end < text.length && LATIN_CHAR.test(text[end]!)) end++
        if (gapStart >= 0) segment(text.slice(gapStart, i), raw)
        gapStart = -1
        raw.push(text.slice(i, end))
        i = end
        continue
      }
      const exact = longestAt(text, i)
      const near = query ? homophones.at(text, i) : undefined
      const fits = near !== undefined && near.length > (exact?.length ?? 0) && cut(i) && cut(i + near.length)
      const hit = fits ? near : exact
      if (!hit) {
        if (gapStart < 0) gapStart = i
        i++
        continue
      }
      if (gapStart >= 0) segment(text.slice(gapStart, i), raw)
      gapStart = -1
      raw.push(hit)
      // Pieces of a long domain term, so a question naming only part of it still matches (大走访 in
      // 大走访大调研大服务大解题). Aliases are colloquial or misspelt: their pieces would only add noise.
      if (hit.length >= SUBWORD_MIN && domain.has(canon(hit)) && !canonical.has(hit)) raw.push(...pieces(hit))
      i += hit.length
    }
    if (gapStart >= 0) segment(text.slice(gapStart), raw)
    const out: string[] = []
    for (const w of raw) keep(w, out)
    return out
  }

  const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff
  // One string object per distinct bigram: indexing 10,000 entries makes millions of them, and a shared object
  // keeps its hash (faster Map lookups) and spares the garbage collector.
  const bigramOf = new Map<number, string>()
  const bigrams = (text: string): string[] => {
    const out: string[] = []
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i)
      const b = text.charCodeAt(i + 1)
      if (!isCjk(a) || !isCjk(b)) continue
      const key = a * 0x10000 + b
      let gram = bigramOf.get(key)
      if (gram === undefined) {
        gram = `~${text.slice(i, i + 2)}`
        bigramOf.set(key, gram)
      }
      out.push(gram)
    }
    return out
  }

  return {
    normalize: normalizeText,
    inChinese: (text) => inChinese(text, english),
    isStopword: (word) => stopwords.has(word),
    isNeutral: (word) => neutral.has(word),
    isDomainTerm: (word) => domain.has(word),
    isBroad: (word) => broad.has(word),
    tokenize(text, options = {}) {
      const normalized = inChinese(text, english)
      const asked = options.query ? collapseAskingForms(normalized) : normalized
      return { words: words(asked, options.query === true), bigrams: bigrams(asked) }
    },
  }
}

/**
 * The A-not-A way of asking, read as the word asked about: 满不满意 → 满意, 收不收费 → 收费, 有没有 → 有. The index
 * knows 满意度, not 满不满意.
 */
export const collapseAskingForms = (text: string) => text.replace(/(\p{Script=Han})[不没]\1/gu, '$1')
