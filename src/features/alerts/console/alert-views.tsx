// Pieces the alert pages share: the level badge in the card's colours, the status badge, the receipt counts.
import type { AlertListItem } from '../alert.admin-service.ts'
import type { AlertLevel } from '../alert.schema.ts'

/** 一般 blue, 较重 orange, 严重 red, as on the cards (LEVEL_TONES). */
const LEVEL_BADGE: Record<AlertLevel, string> = { 一般: 'info', 较重: 'warn', 严重: 'bad' }
const STATUS_BADGE: Record<string, string> = { draft: 'warn', pending_approval: 'warn', sent: 'ok' }

export const LevelBadge = ({ level }: { level: AlertLevel }) => (
  <span class={`badge ${LEVEL_BADGE[level]}`} data-testid="level">
    {level}
  </span>
)

export const StatusBadge = ({ a }: { a: Pick<AlertListItem, 'status' | 'statusLabel'> }) => (
  <span class={`badge ${STATUS_BADGE[a.status] ?? ''}`} data-testid="status">
    {a.statusLabel}
  </span>
)

/** "送达 3 · 已知悉 1 · 需要帮助 0 · 回执率 33%", or a dash before it is sent. */
export const Receipts = ({ a }: { a: AlertListItem }) =>
  a.status === 'sent' ? (
    <span data-testid="receipts">
      {`覆盖 ${a.enterprises} · 送达 ${a.delivered} · 已知悉 ${a.acknowledged} · 需要帮助 ${a.needsHelp} · 回执率 ${a.receiptRate ?? 0}%`}
    </span>
  ) : (
    <span class="muted">—</span>
  )
