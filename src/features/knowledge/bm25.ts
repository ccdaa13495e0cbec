// Field-weighted BM25 (BM25F) over small documents. The per-(term, document) factor does not depend on the
// question, so it is computed once at build time; a search is one pass over the question terms' postings.
// Postings live in flat typed arrays (one slice per term, documents ascending), which keeps a 10,000-entry index
// to a few allocations instead of millions of small objects.
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

/** A growable typed array: pushes without per-element allocation. */
function growable<T extends Float32Array | Int32Array | Uint8Array>(make: (n: number) => T) {
  let data = make(1024)
  let length = 0
  return {
    push(value: number) {
      if (length === data.length) {
        const next = make(data.length * 2)
        next.set(data)
        data = next
      }
      data[length++] = value
    },
    get data() {
      return data
    },
    get length() {
      return length
    },
  }
}

export function createBm25Index(docs: Bm25Doc[], fields: Bm25Field[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2
  const b = options.b ?? 0.75
  const n = docs.length
  const avgLen = fields.map((f) => {
    const total = docs.reduce((sum, d) => sum + (d.fields[f.name]?.length ?? 0), 0)
    return n ? Math.max(total / n, 1) : 1
  })
  const bit = new Map(fields.map((f, i) => [f.name, 1 << i]))

  // Pass 1, document by document: (term id, factor, field mask) triples.
  const termIds = new Map<string, number>()
  const df: number[] = []
  const tTerm = growable((k) => new Int32Array(k))
  const tDoc = growable((k) => new Int32Array(k))
  const tFactor = growable((k) => new Float32Array(k))
  const tMask = growable((k) => new Uint8Array(k))
  // Per-document accumulators indexed by term id; `seen[t] === doc + 1` marks a term already met in this document.
  let acc = new Float64Array(1 << 16)
  let accMask = new Uint8Array(1 << 16)
  let seen = new Int32Array(1 << 16)
  const touched: number[] = []
  const ensure = (size: number) => {
    if (size <= seen.length) return
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(old: T, make: (k: number) => T) => {
      const next = make(Math.max(size, old.length * 2))
      next.set(old)
      return next
    }
    acc = grow(acc, (k) => new Float64Array(k))
    accMask = grow(accMask, (k) => new Uint8Array(k))
    seen = grow(seen, (k) => new Int32Array(k))
  }
  docs.forEach((doc, id) => {
    touched.length = 0
    fields.forEach((f, fi) => {
      const terms = doc.fields[f.name] ?? []
      const weight = f.weight / (1 - b + (b * terms.length) / avgLen[fi]!)
      for (const term of terms) {
        let t = termIds.get(term)
        if (t === undefined) {
          t = df.length
          termIds.set(term, t)
          df.push(0)
          ensure(df.length)
        }
        if (seen[t] !== id + 1) {
          seen[t] = id + 1
          acc[t] = 0
          accMask[t] = 0
          touched.push(t)
        }
        acc[t]! += weight
        accMask[t]! |= 1 << fi
      }
    })
    for (const t of touched) {
      const x = acc[t]!
      df[t]!++
      tTerm.push(t)
      tDoc.push(id)
      tFactor.push((x * (k1 + 1)) / (x + k1))
      tMask.push(accMask[t]!)
    }
  })

  // Pass 2: group by term (counting sort), keeping document order within each term.
  const offsets = new Int32Array(df.length + 1)
  for (let t = 0; t < df.length; t++) offsets[t + 1] = offsets[t]! + df[t]!
  const fill = offsets.slice(0, df.length)
  const pDoc = new Int32Array(tDoc.length)
  const pFactor = new Float32Array(tDoc.length)
  const pMask = new Uint8Array(tDoc.length)
  for (let i = 0; i < tDoc.length; i++) {
    const t = tTerm.data[i]!
    const at = fill[t]!++
    pDoc[at] = tDoc.data[i]!
    pFactor[at] = tFactor.data[i]!
    pMask[at] = tMask.data[i]!
  }

  const idfOf = (count: number) => Math.log(1 + (n - count + 0.5) / (count + 0.5))
  const maskOf = (doc: number, term: string): number => {
    const t = termIds.get(term)
    if (t === undefined) return 0
    let lo = offsets[t]!
    let hi = offsets[t + 1]! - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const at = pDoc[mid]!
      if (at === doc) return pMask[mid]!
      if (at < doc) lo = mid + 1
      else hi = mid - 1
    }
    return 0
  }
  return {
    size: n,
    maxIdf: idfOf(0),
    idf: (term) => {
      const t = termIds.get(term)
      return t === undefined ? 0 : idfOf(df[t]!)
    },
    has(doc, term, only) {
      const m = maskOf(doc, term)
      if (!only) return m !== 0
      return only.some((f) => (m & (bit.get(f) ?? 0)) !== 0)
    },
    score(terms) {
      const scores = new Float64Array(n)
      for (const [term, weight] of terms) {
        const t = termIds.get(term)
        if (t === undefined) continue
        const w = idfOf(df[t]!) * weight
        for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) scores[pDoc[i]!]! += w * pFactor[i]!
      }
      return scores
    },
  }
}
