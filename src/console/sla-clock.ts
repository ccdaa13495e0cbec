// The SLA clock shown on the board: which time the ticket runs against now (first response, then resolution), how
// long is left or how far past it is, and a tone for the badge.
import type { TicketListItem } from '../features/tickets/ticket.admin-service.ts'

export interface Clock {
  text: string
  tone: 'ok' | 'info' | 'warn' | 'bad'
}

const SOON_MS = 4 * 3600_000

export function duration(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000))
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days) return `${days}天${hours ? `${hours}小时` : ''}`
  if (hours) return `${hours}小时${mins ? `${mins}分钟` : ''}`
  return `${mins}分钟`
}

export function slaClock(t: TicketListItem, now: Date): Clock {
  if (t.status === 'resolved' || t.status === 'closed') return { text: '已办结', tone: 'ok' }
  const responding = !t.firstRespondedAt && t.firstResponseDue
  const due = responding ? t.firstResponseDue : t.resolutionDue
  if (!due) return { text: '未设时限', tone: 'info' }
  const what = responding ? '首次响应' : '办结'
  const left = new Date(due).getTime() - now.getTime()
  if (left <= 0) return { text: `${what}已超时 ${duration(left)}`, tone: 'bad' }
  return { text: `${what}剩余 ${duration(left)}`, tone: left < SOON_MS ? 'warn' : 'info' }
}
