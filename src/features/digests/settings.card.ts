// The settings card of one digest for one person: what is set now and the buttons that change it (at most five,
// each keeping its reply number: 1 mute/resume, 2–3 the other times, 4 quiet hours, 5 undo).
import type { CardModel } from '../../cards/model.ts'
import { shortTime } from '../tickets/time.ts'
import { type DigestCardButton, digestSettingsCard } from './digest.cards.ts'
import { type DigestSpec, TIME_CHOICES } from './digest.specs.ts'
import type { Preference } from './preferences.repo.ts'
import { QUIET_FROM_MINUTE } from './quiet-hours.ts'

const CHANGE_LABELS: Record<string, string> = {
  mute: '暂停提醒',
  unmute: '恢复提醒',
  time: '修改推送时间',
  quiet_on: '开启免打扰',
  quiet_off: '关闭免打扰',
}

const QUIET_TEXT = `晚间 ${QUIET_FROM_MINUTE / 60}:00 后与非工作日不推送，顺延至下一个工作日上班时`

export function renderSettingsCard(
  spec: DigestSpec,
  preference: Preference,
  last: { change: string; at: Date } | null,
): CardModel {
  const d = spec.name
  const time = preference.deliverAt ?? spec.time
  const when = spec.kind === 'daily' ? `工作日 ${time}` : `每周一 ${time}`
  const others = TIME_CHOICES.filter((t) => t !== time).slice(0, 2)
  const buttons: DigestCardButton[] = [
    preference.muted
      ? { label: '恢复提醒', action: 'digest.unmute', value: { d }, number: 1, style: 'primary' }
      : { label: '暂停提醒', action: 'digest.mute', value: { d }, number: 1 },
    ...others.map((at, i) => ({ label: `改为 ${at}`, action: 'digest.time', value: { d, at }, number: 2 + i })),
    preference.quietHours
      ? { label: '关闭免打扰', action: 'digest.quiet', value: { d, on: false }, number: 4 }
      : { label: '开启免打扰', action: 'digest.quiet', value: { d, on: true }, number: 4 },
    ...(last ? [{ label: '撤销上次更改', action: 'digest.undo', value: { d }, number: 5 }] : []),
  ]
  return digestSettingsCard({
    title: `推送设置 · ${spec.label}`,
    fields: [
      { label: '状态', value: preference.muted ? '已暂停' : '推送中' },
      { label: '推送时间', value: when },
      { label: '免打扰', value: preference.quietHours ? `已开启（${QUIET_TEXT}）` : '已关闭' },
    ],
    note: last ? `上次更改：${shortTime(last.at)} ${CHANGE_LABELS[last.change] ?? last.change}（可撤销）` : undefined,
    buttons,
  })
}
