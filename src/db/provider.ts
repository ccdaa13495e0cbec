// Which database a DATABASE_URL names. Kept apart from the schema engine so that runtime code (and the Worker
// bundle) can ask without loading it.
export type Provider = 'sqlite' | 'postgresql'

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql'
  throw new Error('DATABASE_URL must start with file: or postgres://')
}
