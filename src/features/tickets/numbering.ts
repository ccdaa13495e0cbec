// Ticket numbers people can read out on the phone: QS-<year>-<6-digit sequence>, the year in Asia/Shanghai and the
// sequence restarting each year. Uniqueness is the database's (Ticket.number is unique): a create that collides
// with a concurrent one takes the next number and tries again.
import type { DbOrTx } from '../../db/client.ts'
import { shanghaiDate } from './working-hours.ts'

export const TICKET_PREFIX = 'QS'

export const formatTicketNumber = (year: number, sequence: number) =>
  `${TICKET_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`

export function parseTicketNumber(number: string): { year: number; sequence: number } | null {
  const match = /^QS-(\d{4})-(\d{6,})$/.exec(number.trim().toUpperCase())
  return match ? { year: Number(match[1]), sequence: Number(match[2]) } : null
}

export const ticketYear = (at: Date) => Number(shanghaiDate(at).slice(0, 4))

/** The next free number of the year (the caller retries on a unique-constraint collision). */
export async function nextTicketNumber(db: DbOrTx, at: Date): Promise<string> {
  const year = ticketYear(at)
  // Fixed-width sequences sort correctly as text up to 999999 a year.
  const last = await db.ticket.findFirst({
    where: { number: { startsWith: `${TICKET_PREFIX}-${year}-` } },
    orderBy: { number: 'desc' },
    select: { number: true },
  })
  const sequence = last ? (parseTicketNumber(last.number)?.sequence ?? 0) + 1 : 1
  return formatTicketNumber(year, sequence)
}

/** Runs `create` with fresh numbers until one is not taken (bounded). */
export async function withTicketNumber<T>(db: DbOrTx, at: Date, create: (number: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const number = await nextTicketNumber(db, at)
    try {
      return await create(number)
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002' || attempt >= 5) throw error
    }
  }
}
