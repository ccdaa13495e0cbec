// Field-weighted BM25 (BM25F) over small documents. The per-(term, document) factor does not depend on the
// question, so it is computed once at build time; a search is then one pass over the question terms' postings.
export interface Bm25Field {
  name: string
  weight: number
}

export interface Bm25Doc {
  /** field name → terms (may repeat) */
  fields: Record<string, string[]>
}

export interface Bm25Options {
  k1?: number
  b?: number
}

export interface Bm25Index {
  readonly size: number
  /** Inverse document frequency; 0 for unknown terms. */
  idf(term: string): number
  /** Largest possible idf (a term found in no document): used to weigh words the index has never seen. */
  readonly maxIdf: number
  /** Does document `doc` contain `term` in any of `fields` (all fields when omitted)? */
  has(doc: number, term: string, fields?: string[]): boolean
  /** Scores every document that shares a term with the question; `weights` scale individual terms. */
  score(terms: Map<string, number>): Float64Array
}

export function createBm25Index(docs: Bm25Doc[], fields: Bm25Field[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2
  const b = options.b ?? 0.75
  const n = docs.length
  const avgLen = new Map<string, number>()
  for (const f of fields) {
    const total = docs.reduce((sum, d) => sum + (d.fields[f.name]?.length ?? 0), 0)
    avgLen.set(f.name, n ? Math.max(total / n, 1) : 1)
  }
  // Postings are appended in document order, so `docs` is sorted and `has` can binary-search it.
  const postings = new Map<string, { docs: number[]; factors: number[]; masks: number[] }>()
  const bit = new Map(fields.map((f, i) => [f.name, 1 << i]))
  docs.forEach((doc, id) => {
    const weighted = new Map<string, { tf: number; mask: number }>()
    for (const f of fields) {
      const terms = doc.fields[f.name] ?? []
      const norm = 1 - b + (b * terms.length) / avgLen.get(f.name)!
      for (const term of terms) {
        const seen = weighted.get(term) ?? { tf: 0, mask: 0 }
        seen.tf += f.weight / norm
        seen.mask |= bit.get(f.name)!
        weighted.set(term, seen)
      }
    }
    for (const [term, { tf, mask }] of weighted) {
      const list = postings.get(term) ?? { docs: [], factors: [], masks: [] }
      if (!list.docs.length) postings.set(term, list)
      list.docs.push(id)
      list.factors.push((tf * (k1 + 1)) / (tf + k1))
      list.masks.push(mask)
    }
  })
  const maskOf = (doc: number, term: string): number => {
    const list = postings.get(term)
    if (!list) return 0
    let lo = 0
    let hi = list.docs.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const at = list.docs[mid]!
      if (at === doc) return list.masks[mid]!
      if (at < doc) lo = mid + 1
      else hi = mid - 1
    }
    return 0
  }
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5))
  return {
    size: n,
    maxIdf: idfOf(0),
    idf: (term) => {
      const df = postings.get(term)?.docs.length ?? 0
      return df ? idfOf(df) : 0
    },
    has(doc, term, only) {
      const mask = maskOf(doc, term)
      if (!only) return mask !== 0
      return only.some((f) => (mask & (bit.get(f) ?? 0)) !== 0)
    },
    score(terms) {
      const scores = new Float64Array(n)
      for (const [term, weight] of terms) {
        const list = postings.get(term)
        if (!list) continue
        const idf = idfOf(list.docs.length) * weight
        for (let i = 0; i < list.docs.length; i++) {
          const doc = list.docs[i]!
          scores[doc] = scores[doc]! + idf * list.factors[i]!
        }
      }
      return scores
    },
  }
}
