// The 我的待办 page's parts: the daily card's text as the card shows it, ticket numbers linked to the console's
// board, and one settings form per digest with the same choices as the settings card.
import type { Principal } from '../../admin/principal.ts'
import type { CardModel } from '../../cards/model.ts'
import { markdownToHtml } from '../../cards/render-html.ts'
import { Csrf } from '../../console/layout.tsx'
import { type DigestSpec, TIME_CHOICES } from './digest.specs.ts'
import type { Preference } from './preferences.repo.ts'

const TICKET_NUMBER = /(<[^>]*>)|(QS-\d{4}-\d{6,})/g

/** The card's markdown as HTML (escaped by markdownToHtml), each ticket number a link to it on the board. */
export function digestHtml(markdown: string): string {
  return markdownToHtml(markdown).replace(TICKET_NUMBER, (match, tag: string | undefined, number: string) =>
    tag ? match : `<a href="/admin/tickets?q=${number}">${number}</a>`,
  )
}

export function DigestCardView({ card }: { card: CardModel }) {
  return (
    <div class="card" data-testid="digest">
      <h2 style="margin-top: 0">{card.title}</h2>
      {card.subtitle && <p class="muted">{card.subtitle}</p>}
      {card.blocks.map((block) =>
        block.type === 'markdown' ? (
          <div dangerouslySetInnerHTML={{ __html: digestHtml(block.text) }} />
        ) : block.type === 'note' ? (
          <p class="muted">{block.text.replace(/可点击“推送设置”[^。]*。/, '推送设置见下方。')}</p>
        ) : null,
      )}
      <p>
        <a href="/admin/tickets?status=active">在工单看板查看全部待办</a>
      </p>
    </div>
  )
}

export function SettingsForm(props: {
  principal: Principal
  spec: DigestSpec
  preference: Preference
  /** The settings card's fields (状态, 推送时间, 免打扰) and note (the last change, undoable). */
  fields: { label: string; value: string }[]
  lastNote?: string
  canUndo: boolean
}) {
  const { spec, preference } = props
  const time = preference.deliverAt ?? spec.time
  return (
    <form method="post" action="/admin/my-digest/preferences" class="card" data-testid={`settings-${spec.name}`}>
      <Csrf principal={props.principal} />
      <input type="hidden" name="digest" value={spec.name} />
      <h2 style="margin-top: 0">{spec.label}</h2>
      <dl>
        {props.fields.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </>
        ))}
      </dl>
      {props.lastNote && <p class="muted">{props.lastNote}</p>}
      <p class="actions">
        {preference.muted ? (
          <button type="submit" name="change" value="unmute" class="primary">
            恢复提醒
          </button>
        ) : (
          <button type="submit" name="change" value="mute">
            暂停提醒
          </button>
        )}
        <label>
          推送时间
          <select name="at">
            {!(TIME_CHOICES as readonly string[]).includes(time) && (
              <option value="" selected>
                {`${time}（当前）`}
              </option>
            )}
            {TIME_CHOICES.map((t) => (
              <option value={t} selected={t === time}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="change" value="time">
          修改时间
        </button>
        <button type="submit" name="change" value={preference.quietHours ? 'quiet_off' : 'quiet_on'}>
          {preference.quietHours ? '关闭免打扰' : '开启免打扰'}
        </button>
        {props.canUndo && (
          <button type="submit" name="change" value="undo">
            撤销上次更改
          </button>
        )}
      </p>
    </form>
  )
}
