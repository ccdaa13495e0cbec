// One person's digest card from the sections the features gave: sections in feature order, at most five buttons
// (DingTalk's card shows five; the features' own first, in feature order, then 推送设置 and 暂停此提醒), each with a
// reply number of its own, orange or red when something is overdue or due today.
import type { DigestButton, DigestSection } from '../../bot/digest.ts'
import type { CardModel } from '../../cards/model.ts'
import { fullTime } from '../tickets/time.ts'
import { type DigestCardButton, staffDigestCard } from './digest.cards.ts'
import type { DigestSpec } from './digest.specs.ts'

export const MAX_BUTTONS = 5
/** Reply numbers of the digest's own buttons, after the features' (tickets use 1–3). */
export const SETTINGS_NUMBER = 4
export const MUTE_NUMBER = 5

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

function dayTitle(spec: DigestSpec, at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000)
  const date = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日（周${WEEKDAYS[local.getUTCDay()]}）`
  return spec.kind === 'daily' ? `今日待办 · ${date}` : `上周工作汇总 · ${date}`
}

export function sectionText(section: DigestSection): string {
  const head = `**${section.title}**${section.summary ? `　${section.summary}` : ''}`
  const more = section.more ? [`另有 ${section.more} 项，可点击“查看全部待办”。`] : []
  return [head, ...section.lines, ...more].join('\n')
}

export function renderDigestCard(
  spec: DigestSpec,
  recipient: { name: string },
  sections: DigestSection[],
  builtAt: Date,
  range: { from: Date; to: Date },
): CardModel {
  const span = `${fullTime(range.from).slice(0, 10)} 至 ${fullTime(new Date(range.to.getTime() - 1)).slice(0, 10)}`
  const own: DigestButton[] = sections.flatMap((s) => s.buttons ?? []).slice(0, MAX_BUTTONS - 2)
  // Reply numbers stay unique on the card: a feature's own number if still free, else the lowest free one.
  const taken = new Set([SETTINGS_NUMBER, MUTE_NUMBER])
  const kept: (number | undefined)[] = []
  for (const b of own) {
    const keep = b.number !== undefined && !taken.has(b.number) ? b.number : undefined
    if (keep !== undefined) taken.add(keep)
    kept.push(keep)
  }
  const buttons: DigestCardButton[] = own.map((b, i) => {
    let number = kept[i]
    if (number === undefined) {
      number = 1
      while (taken.has(number)) number++
      taken.add(number)
    }
    return { ...b, number, style: i === 0 ? 'primary' : 'default' }
  })
  buttons.push(
    { label: '推送设置', action: 'digest.settings', value: { d: spec.name }, number: SETTINGS_NUMBER },
    { label: '暂停此提醒', action: 'digest.mute', value: { d: spec.name }, number: MUTE_NUMBER },
  )
  const urgent = sections.some((s) => s.urgent)
  return {
    ...staffDigestCard({
      title: dayTitle(spec, builtAt),
      subtitle: `${recipient.name}，您好`,
      tone: urgent ? (spec.kind === 'daily' ? 'orange' : 'red') : 'blue',
      sections: sections.map((s) => ({ text: sectionText(s) })),
      note: `${spec.kind === 'daily' ? `统计截至 ${fullTime(builtAt)}` : `统计区间：${span}`}。可点击“推送设置”调整推送时间、免打扰或暂停提醒。`,
      buttons,
    }),
    subject: `digest:${spec.name}`,
  }
}
