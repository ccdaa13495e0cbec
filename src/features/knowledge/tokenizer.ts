// Chinese text → search terms. Three layers, because each one alone fails on real questions:
//  1. the domain dictionary, matched longest-first, keeps terms such as 质量贷 or 首席质量官 whole (ICU splits them);
//  2. Intl.Segmenter ('zh', word) segments what the dictionary does not know;
//  3. character bigrams catch typos and phrasings neither knows (品字表 still shares 品字 with 品字标).
// Aliases and typos are replaced by their canonical term, on both the indexing and the question side.
import type { Dictionary } from './dictionary.ts'

export interface Tokens {
  /** Dictionary and segmenter words, canonicalised, stopwords removed, in order (may repeat). */
  words: string[]
  /** Character bigrams of the CJK runs, prefixed with `~` so they never collide with words. */
  bigrams: string[]
}

export interface Tokenizer {
  tokenize(text: string): Tokens
  /** Lower-cased NFKC text without quotes and spaces: what every matcher sees. */
  normalize(text: string): string
  isStopword(word: string): boolean
  /** An ask word or silent-topic phrasing: says what kind of answer is wanted, not what about. */
  isNeutral(word: string): boolean
  /** A domain term: a dictionary word, synonym or entry keyword (not a neutral word). */
  isDomainTerm(word: string): boolean
}

interface TrieNode {
  next: Map<string, TrieNode>
  word?: string
}

const QUOTES = /[“”"'‘’「」『』《》〈〉【】]/g
const CJK_RUN = /[\u3400-\u9fff]+/g
const WORDLIKE = /[\p{L}\p{N}]/u
/** Long dictionary matches are also split by the segmenter so a question naming part of them still matches. */
const SUBWORD_MIN = 4

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(QUOTES, '').replace(/\s+/g, '')
}

function buildTrie(words: Iterable<string>): TrieNode {
  const root: TrieNode = { next: new Map() }
  for (const word of words) {
    let node = root
    for (const ch of word) {
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
  const neutral = new Set([...dictionary.ask_words, ...Object.values(dictionary.silent_cues).flat()].map(normalizeText))
  const stopwords = new Set(dictionary.stopwords.map(normalizeText))
  for (const w of neutral) domain.delete(w)
  const trie = buildTrie([...domain, ...canonical.keys(), ...neutral, ...stopwords].filter((w) => w.length > 1))
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
  const segment = (text: string, out: string[]) => {
    for (const s of segmenter.segment(text)) {
      if (s.isWordLike || WORDLIKE.test(s.segment)) out.push(s.segment)
    }
  }

  const longestAt = (chars: string[], start: number): string | undefined => {
    let node: TrieNode | undefined = trie
    let found: string | undefined
    for (let i = start; i < chars.length && node; i++) {
      node = node.next.get(chars[i]!)
      if (node?.word) found = node.word
    }
    return found
  }

  const pieces = (word: string): string[] => {
    const chars = [...word]
    const found = new Set<string>()
    for (let i = 0; i < chars.length; i++) {
      let node: TrieNode | undefined = trie
      for (let j = i; j < chars.length && node; j++) {
        node = node.next.get(chars[j]!)
        if (node?.word && node.word !== word && domain.has(canon(node.word))) found.add(node.word)
      }
    }
    const segmented: string[] = []
    segment(word, segmented)
    for (const s of segmented) if (s.length > 1) found.add(s)
    return [...found]
  }

  const words = (text: string): string[] => {
    const chars = [...text]
    const out: string[] = []
    let gap = ''
    for (let i = 0; i < chars.length; ) {
      const hit = longestAt(chars, i)
      if (!hit) {
        gap += chars[i]
        i++
        continue
      }
      if (gap) segment(gap, out)
      gap = ''
      out.push(hit)
      // Pieces of a long domain term, so a question naming only part of it still matches (大走访 in
      // 大走访大调研大服务大解题). Aliases are colloquial or misspelt: their pieces would only add noise.
      if (hit.length >= SUBWORD_MIN && domain.has(canon(hit)) && !canonical.has(hit)) out.push(...pieces(hit))
      i += [...hit].length
    }
    if (gap) segment(gap, out)
    return out.map(canon).filter((w) => !stopwords.has(w))
  }

  const bigrams = (text: string): string[] => {
    const out: string[] = []
    for (const run of text.match(CJK_RUN) ?? []) {
      const chars = [...run]
      for (let i = 0; i + 1 < chars.length; i++) out.push(`~${chars[i]}${chars[i + 1]}`)
    }
    return out
  }

  return {
    normalize: normalizeText,
    isStopword: (word) => stopwords.has(word),
    isNeutral: (word) => neutral.has(word),
    isDomainTerm: (word) => domain.has(word),
    tokenize(text) {
      const normalized = normalizeText(text)
      return { words: words(normalized), bigrams: bigrams(normalized) }
    },
  }
}
