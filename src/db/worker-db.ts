// Workers: the workerd flavour of the generated client on D1 (@prisma/adapter-d1). Here rather than in the Worker
// entry because only src/db touches a generated Prisma client; the rest of the code sees `Db`.
import type { D1Database } from '@cloudflare/workers-types'
import { PrismaD1 } from '@prisma/adapter-d1'
import { PrismaClient } from '../generated/worker-sqlite/client.ts'
import type { Db } from './client.ts'
import { withSequentialTransactions } from './d1-transactions.ts'

export function openD1Db(binding: D1Database): Db {
  // The clients share one API but tsc sees unrelated types: cast once here (see client.ts).
  return withSequentialTransactions(new PrismaClient({ adapter: new PrismaD1(binding as never) }) as unknown as Db)
}
