// `IN (…)` lists are bounded by the database's parameter limit (D1 allows 100 bound parameters per statement,
// SQLite builds commonly 999 or 32766): long lists are read in slices and the results joined.
const SLICE = 90

export async function inChunks<T, R>(values: readonly T[], read: (slice: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < values.length; i += SLICE) out.push(...(await read(values.slice(i, i + SLICE))))
  return out
}
