// Plain-text rendering of a neutral card: for the console chat, for `ask --json`, and as the fallback wherever a
// platform cannot show a card. Buttons are numbered so a terminal user can press one by typing its number.
import type { CardBlock, CardButton, CardModel } from './model.ts'

export interface TextCard {
  text: string
  /** Buttons in display order. Form submits come first. */
  buttons: CardButton[]
  /** The number `[n]` each button shows (numbers[i] for buttons[i]): its own `number`, else its position. */
  numbers: number[]
}

/** A button's reply number: the one it keeps across its card's versions, else its 1-based position. */
export const buttonNumber = (button: CardButton, position: number) => button.number ?? position

/** Markdown subset → readable text: drop emphasis marks, keep link text with its URL. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1（$2）')
    .replace(/^#+\s*/gm, '')
    .replace(/<[^>]+>/g, '')
}

function blockText(block: CardBlock, buttons: CardButton[]): string {
  switch (block.type) {
    case 'markdown':
      return markdownToText(block.text)
    case 'fields':
      return block.fields.map((f) => `· ${f.label}：${f.value}`).join('\n')
    case 'divider':
      return '────────'
    case 'note':
      return markdownToText(block.text)
    case 'chart':
      return [
        `${block.title}：`,
        ...block.series.map(
          (s) => `  ${s.name}：${block.labels.map((l, i) => `${l} ${s.values[i] ?? '-'}`).join('，')}`,
        ),
      ].join('\n')
    case 'form': {
      buttons.push(block.submit)
      const fields = block.inputs.map((i) => `  - ${i.label}${i.required ? '（必填）' : ''}`)
      return [`请填写：`, ...fields, `[${buttonNumber(block.submit, buttons.length)}] ${block.submit.label}`].join('\n')
    }
  }
}

export function renderCardText(card: CardModel): TextCard {
  const buttons: CardButton[] = []
  const lines = [`【${card.title}】${card.subtitle ? ` ${card.subtitle}` : ''}`]
  for (const block of card.blocks) lines.push(blockText(block, buttons))
  const actionLabels = card.actions.map((button) => {
    buttons.push(button)
    const n = buttonNumber(button, buttons.length)
    return button.url ? `[${n}] ${button.label}（${button.url}）` : `[${n}] ${button.label}`
  })
  if (actionLabels.length) lines.push(actionLabels.join('  '))
  const numbers = buttons.map((b, i) => buttonNumber(b, i + 1))
  return { text: lines.filter((l) => l.trim() !== '').join('\n'), buttons, numbers }
}
