// The database handle the app uses. Three generated clients exist (node+sqlite, node+postgresql, workerd+sqlite,
// see prisma/schema.prisma); they share one API but tsc sees unrelated types, so the node/sqlite type stands for
// all of them and each runtime entry casts once.
import type { PrismaClient } from '../generated/node-sqlite/client.ts'

export type Db = PrismaClient
/** A client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>
/** Either: repository functions take this so they work inside and outside a transaction. */
export type DbOrTx = Db | Tx

/** Row types of the data model, for code outside src/db: only src/db imports a generated client. */
export type { Ticket } from '../generated/node-sqlite/client.ts'
