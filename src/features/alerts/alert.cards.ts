// The functions that fill the alert cards from an alert. Buttons carry the alert id (`al`) and, where a click
// changes the alert's status, the version the card showed (`av`): a click on an outdated card changes nothing.
import type { CardModel } from '../../cards/model.ts'
import { formatTime } from '../enterprises/dates.ts'
import {
  type AlertButton,
  alertApprovalCard,
  alertNoticeCard,
  alertPreviewCard,
  alertStaffCard,
  alertSummaryCard,
} from './alert.card-defs.ts'
import type { AlertRow } from './alert.repo.ts'
import { describeAudience, LEVEL_TONES } from './alert.schema.ts'

export const ISSUER = '瓯海区市场监督管理局'
const ref = (a: AlertRow) => ({ al: a.id, av: a.version })
const about = (subject: string, card: CardModel): CardModel => ({ ...card, subject })

export const alertSubject = {
  preview: (id: number) => `alert:${id}:preview`,
  approval: (id: number) => `alert:${id}:approval`,
  summary: (id: number) => `alert:${id}:summary`,
  staff: (id: number) => `alert:${id}:staff`,
  /** An enterprise-facing copy: the enterprises it speaks to, so delivery is counted per enterprise. */
  notice: (id: number, enterpriseIds: number[]) => `alert:${id}:e:${enterpriseIds.join(',')}`,
  noticePrefix: (id: number) => `alert:${id}:e:`,
}

const baseFields = (a: AlertRow) => [
  { label: '标题', value: a.title },
  { label: '等级', value: a.level },
  { label: '来源', value: a.source },
  { label: '范围', value: describeAudience(a.audience) },
  { label: '回执截止', value: formatTime(a.receiptDue) },
]

export interface AudienceCounts {
  enterprises: number
  contacts: number
  groups: number
  staff: number
  /** 科室负责人 of the relevant departments. */
  leads: number
  unreachable: number
  unknownCodes: string[]
}

export function renderPreview(a: AlertRow, c: AudienceCounts, done?: string): CardModel {
  const notes = [
    c.unreachable ? `其中 ${c.unreachable} 家企业暂无可送达的联系人或企业群。` : '',
    c.unknownCodes.length ? `以下信用代码未找到企业：${c.unknownCodes.join('、')}。` : '',
    a.level === '严重' && !done ? '严重预警确认后需经科室负责人审批，审批同意后发出。' : '',
  ].filter(Boolean)
  const buttons: AlertButton[] = done
    ? []
    : [
        { label: '确认发布', action: 'alert.confirm', style: 'primary', value: ref(a), number: 1 },
        { label: '取消', action: 'alert.cancel', value: ref(a), number: 2 },
      ]
  return about(
    alertSubject.preview(a.id),
    alertPreviewCard({
      heading: done ?? '请确认预警发布范围',
      tone: done ? 'grey' : LEVEL_TONES[a.level],
      fields: baseFields(a),
      action: a.action,
      counts: [
        { label: '企业', value: `${c.enterprises} 家` },
        { label: '企业联系人', value: `${c.contacts} 人` },
        { label: '企业群', value: `${c.groups} 个` },
        { label: '质量管家', value: `${c.staff} 人` },
        { label: '相关科室负责人', value: `${c.leads} 人` },
      ],
      note: notes.join('') || undefined,
      buttons,
    }),
  )
}

export function renderApproval(a: AlertRow, publisher: string, enterprises: number): CardModel {
  const pending = a.status === 'pending_approval'
  const decided =
    a.status === 'sent'
      ? `已同意发布 · ${a.decidedBy ?? ''} · ${a.decidedAt ? formatTime(a.decidedAt) : ''}`
      : a.status === 'rejected'
        ? `已驳回 · ${a.decidedBy ?? ''} · ${a.decidedAt ? formatTime(a.decidedAt) : ''}`
        : pending
          ? undefined
          : '已撤回'
  return about(
    alertSubject.approval(a.id),
    alertApprovalCard({
      tone: pending ? 'red' : a.status === 'sent' ? 'green' : 'grey',
      fields: [
        ...baseFields(a),
        { label: '发布人', value: publisher },
        { label: '覆盖企业', value: `${enterprises} 家` },
      ],
      action: a.action,
      decided,
      buttons: pending
        ? [
            { label: '同意发布', action: 'alert.approve', style: 'primary', value: ref(a), number: 1 },
            { label: '驳回', action: 'alert.reject', style: 'danger', value: ref(a), number: 2 },
          ]
        : [],
    }),
  )
}

export interface NoticeState {
  /** The clicking enterprise's receipt, shown on its own one-to-one copy. */
  receipt?: string
  reminder?: string
}

export function renderNotice(a: AlertRow, subject: string, state: NoticeState = {}): CardModel {
  const open = !state.receipt
  return about(
    subject,
    alertNoticeCard({
      alertId: a.id,
      heading: `质量风险预警（${a.level}）`,
      tone: LEVEL_TONES[a.level],
      title: a.title,
      fields: [
        { label: '信息来源', value: a.source },
        { label: '发布单位', value: ISSUER },
        { label: '回执截止', value: formatTime(a.receiptDue) },
      ],
      action: a.action,
      receipt: state.receipt,
      reminder: state.reminder,
      buttons: open
        ? [
            { label: '已知悉', action: 'alert.ack', style: 'primary', value: { al: a.id }, number: 1 },
            { label: '需要帮助', action: 'alert.help', value: { al: a.id }, number: 2 },
          ]
        : [],
    }),
  )
}

export function renderStaffNotice(a: AlertRow, enterprises: number, as: 'butler' | 'lead' = 'butler'): CardModel {
  return about(
    alertSubject.staff(a.id),
    alertStaffCard({
      alertId: a.id,
      tone: LEVEL_TONES[a.level],
      title: a.title,
      fields: [
        { label: '等级', value: a.level },
        { label: '信息来源', value: a.source },
        { label: '回执截止', value: formatTime(a.receiptDue) },
        { label: as === 'lead' ? '本科室负责的涉及企业' : '您负责的涉及企业', value: `${enterprises} 家` },
      ],
      action: a.action,
    }),
  )
}

export interface SummaryCounts {
  enterprises: number
  delivered: number
  acknowledged: number
  needsHelp: number
  helpLines: string[]
}

export function renderSummary(a: AlertRow, c: SummaryCounts, now: Date): CardModel {
  const silent = c.enterprises - c.acknowledged - c.needsHelp
  const closed = now > a.receiptDue
  return about(
    alertSubject.summary(a.id),
    alertSummaryCard({
      alertId: a.id,
      tone: LEVEL_TONES[a.level],
      title: a.title,
      status: closed ? '回执已截止' : '已发出',
      counts: [
        { label: '覆盖企业', value: `${c.enterprises} 家` },
        { label: '送达', value: `${c.delivered} 家` },
        { label: '已知悉', value: `${c.acknowledged} 家` },
        { label: '需要帮助', value: `${c.needsHelp} 家` },
        { label: '未回执', value: `${silent} 家` },
      ],
      help: c.helpLines.length ? `需要帮助：${c.helpLines.join('；')}` : undefined,
      updated: `更新于 ${formatTime(now)}　回执截止 ${formatTime(a.receiptDue)}`,
    }),
  )
}
