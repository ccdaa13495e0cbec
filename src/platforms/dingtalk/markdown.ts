// Neutral card blocks → DingTalk markdown (the subset DingTalk renders: headings, **bold**, lists, quotes, links).
// Shared by the interactive-card template (its `markdown` variable) and the no-template fallback messages.
import type { CardBlock, CardButton, CardModel } from '../../cards/model.ts'

// DingTalk markdown joins single newlines into one paragraph; a blank line keeps lines apart.
const PARAGRAPH = '\n\n'

function blockMarkdown(block: CardBlock): string {
  switch (block.type) {
    case 'markdown':
      return block.text.replace(/\n/g, PARAGRAPH)
    case 'fields':
      return block.fields.map((f) => `- **${f.label}**：${f.value}`).join('\n')
    case 'divider':
      return '---'
    case 'note':
      return `> ${block.text.replace(/\n/g, '\n> ')}`
    case 'chart':
      return [
        `**${block.title}**`,
        ...block.series.map(
          (s) => `- ${s.name}：${block.labels.map((l, i) => `${l} ${s.values[i] ?? '-'}`).join('，')}`,
        ),
      ].join('\n')
    case 'form': {
      const inputs = block.inputs.map((i) => `- ${i.label}${i.required ? '（必填）' : ''}`)
      // Our generic DingTalk card has no input fields, and a click could not carry them: say so plainly.
      return ['需要填写：', ...inputs, '', '（钉钉卡片暂不支持在线填写此表单。）'].join('\n')
    }
  }
}

/** The card body (no title), blocks in order. */
export function cardBodyMarkdown(card: CardModel): string {
  return card.blocks
    .map(blockMarkdown)
    .filter((t) => t.trim() !== '')
    .join(PARAGRAPH)
}

/** Link buttons as a markdown line of links, or '' when there are none. */
export function linksMarkdown(buttons: CardButton[]): string {
  const links = buttons.filter((b) => b.url).map((b) => `[${b.label}](${b.url})`)
  return links.length ? `相关链接：${links.join('　')}` : ''
}

/** Title (and subtitle) as a heading: DingTalk shows `title` only in the chat list, not in the message. */
export function headingMarkdown(card: CardModel): string {
  return card.subtitle ? `### ${card.title}${PARAGRAPH}${card.subtitle}` : `### ${card.title}`
}

export const joinParagraphs = (parts: string[]) => parts.filter((p) => p.trim() !== '').join(PARAGRAPH)
