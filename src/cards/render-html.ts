// HTML rendering of a neutral card: for the web simulator and (later) the staff console's card preview. A pure
// function, platform-neutral and self-contained (styles in CARD_CSS, icons inline): it looks like a chat card, with
// the header in the card's tone, fields, the markdown subset of model.ts, forms and real labelled buttons.
// Everything from the card is escaped: card text comes from staff-edited templates filled with user input.
// Symbols that need an emoji font (✅ ⬜ 👍 👎 …) become inline SVG icons (html-icons.ts).
import { iconize } from './html-icons.ts'
import { TONE_COLOURS } from './html-style.ts'
import type { CardBlock, CardButton, CardModel, FormInput } from './model.ts'

export interface HtmlCardOptions {
  /**
   * Where a click goes: every callback button (and form) is a `<form method="post">` to this URL carrying the
   * card's id and version, the button's action and value (as `_card`, `_version`, `_action`, `_value`), and the
   * form's inputs by their names. Without it the card is a preview: its buttons are shown, disabled.
   */
  clickUrl?: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** Only web links and paths of this site: no `javascript:` or `data:` URL ever becomes a link. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim()
  return /^(https?:\/\/|\/(?!\/))/i.test(trimmed) ? trimmed : null
}

/** One line of the markdown subset: **bold**, [links](url), symbols as icons; everything else escaped. */
function inline(text: string): string {
  const links: string[] = []
  // Links first, on the raw text, so the URL is checked before escaping and the link text is escaped on its own;
  // each link waits as a private-use marker (taken out of the text beforehand, so no text can forge one).
  const withMarkers = text
    .replace(/[\uE000\uE001]/g, '')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) => {
      const safe = safeUrl(url)
      if (!safe) return label
      links.push(`<a href="${escapeHtml(safe)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`)
      return `\uE000${links.length - 1}\uE001`
    })
  const html = escapeHtml(withMarkers)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => links[Number(i)] ?? '')
  return iconize(html)
}

/** The markdown subset as blocks: paragraphs with line breaks, `-`/`*` lists, numbered lists, `#` headings bold. */
export function markdownToHtml(markdown: string): string {
  const out: string[] = []
  let paragraph: string[] = []
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null
  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.join('<br>')}</p>`)
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`)
    paragraph = []
    list = null
  }
  for (const line of markdown.split('\n')) {
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line)
    const numbered = /^\s*\d+\.\s+(.*)$/.exec(line)
    const item = bullet ?? numbered
    if (item) {
      const tag = bullet ? 'ul' : 'ol'
      if (paragraph.length || (list && list.tag !== tag)) flush()
      list ??= { tag, items: [] }
      list.items.push(inline(item[1]!))
      continue
    }
    if (list) flush()
    if (!line.trim()) {
      flush()
      continue
    }
    const heading = /^#+\s*(.*)$/.exec(line)
    paragraph.push(heading ? `<strong>${inline(heading[1]!)}</strong>` : inline(line))
  }
  flush()
  return out.join('')
}

function hiddenFields(card: CardModel, button: CardButton, formName?: string): string {
  const fields: [string, string][] = [
    ['_card', card.id ?? ''],
    ['_version', String(card.version)],
    ['_action', button.action ?? ''],
    ['_value', JSON.stringify(button.value)],
    ...(formName ? ([['_form', formName]] as [string, string][]) : []),
  ]
  return fields.map(([n, v]) => `<input type="hidden" name="${n}" value="${escapeHtml(v)}">`).join('')
}

function buttonHtml(card: CardModel, button: CardButton, options: HtmlCardOptions, submit = false): string {
  const cls = `qs-btn qs-btn-${button.style}`
  const label = iconize(escapeHtml(button.label))
  if (button.url) {
    const url = safeUrl(button.url)
    return url
      ? `<a class="${cls}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`
      : `<span class="${cls}">${label}</span>`
  }
  const data =
    `data-card-id="${escapeHtml(card.id ?? '')}" data-card-version="${card.version}" ` +
    `data-action="${escapeHtml(button.action ?? '')}" data-value="${escapeHtml(JSON.stringify(button.value))}"`
  const disabled = options.clickUrl && button.action ? '' : ' disabled'
  const tag = `<button type="submit" class="${cls}" ${data}${disabled}>${label}</button>`
  if (submit || !options.clickUrl || !button.action) return tag
  return `<form method="post" action="${escapeHtml(options.clickUrl)}" class="qs-click">${hiddenFields(card, button)}${tag}</form>`
}

function inputHtml(input: FormInput): string {
  const name = escapeHtml(input.name)
  const required = input.required ? ' required' : ''
  const placeholder = input.placeholder ? ` placeholder="${escapeHtml(input.placeholder)}"` : ''
  const initial = input.initial ?? ''
  let control: string
  if (input.kind === 'select') {
    const options = (input.options ?? []).map(
      (o) =>
        `<option value="${escapeHtml(o.value)}"${o.value === initial ? ' selected' : ''}>${escapeHtml(o.label)}</option>`,
    )
    const prompt = initial ? '' : '<option value="">请选择</option>'
    control = `<select name="${name}"${required}>${prompt}${options.join('')}</select>`
  } else if (input.kind === 'textarea') {
    control = `<textarea name="${name}"${required}${placeholder}>${escapeHtml(initial)}</textarea>`
  } else {
    control = `<input type="text" name="${name}" value="${escapeHtml(initial)}"${required}${placeholder}>`
  }
  const mark = input.required ? '<span class="qs-required" aria-hidden="true"> *</span>' : ''
  return `<label><span>${escapeHtml(input.label)}${mark}</span>${control}</label>`
}

function chartHtml(block: Extract<CardBlock, { type: 'chart' }>): string {
  const max = Math.max(1, ...block.series.flatMap((s) => s.values))
  const rows = block.labels.map((label, i) => {
    const cells = block.series.map((s) => {
      const value = s.values[i] ?? 0
      const width = Math.round((value / max) * 120)
      return `<td><span class="qs-bar" style="width:${width}px"></span>${value}</td>`
    })
    return `<tr><th scope="row">${escapeHtml(label)}</th>${cells.join('')}</tr>`
  })
  const head = block.series.map((s) => `<th scope="col">${escapeHtml(s.name)}</th>`).join('')
  return (
    `<figure class="qs-chart" data-kind="${block.kind}"><figcaption>${escapeHtml(block.title)}</figcaption>` +
    `<table><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></figure>`
  )
}

function blockHtml(card: CardModel, block: CardBlock, options: HtmlCardOptions): string {
  switch (block.type) {
    case 'markdown':
      return `<div class="qs-md">${markdownToHtml(block.text)}</div>`
    case 'fields': {
      const fields = block.fields.map(
        (f) => `<div class="qs-field"><dt>${escapeHtml(f.label)}</dt><dd>${inline(f.value)}</dd></div>`,
      )
      return `<dl class="qs-fields">${fields.join('')}</dl>`
    }
    case 'divider':
      return '<hr class="qs-divider">'
    case 'note':
      return `<div class="qs-note">${markdownToHtml(block.text)}</div>`
    case 'chart':
      return chartHtml(block)
    case 'form': {
      const action = options.clickUrl ? ` method="post" action="${escapeHtml(options.clickUrl)}"` : ''
      return (
        `<form class="qs-form" data-form="${escapeHtml(block.name)}"${action}>` +
        `${options.clickUrl ? hiddenFields(card, block.submit, block.name) : ''}` +
        `${block.inputs.map(inputHtml).join('')}${buttonHtml(card, block.submit, options, true)}</form>`
      )
    }
  }
}

/** The card as one HTML fragment (`<article class="qs-card">`); include CARD_CSS once on the page. */
export function renderCardHtml(card: CardModel, options: HtmlCardOptions = {}): string {
  const colour = TONE_COLOURS[card.tone]
  const subtitle = card.subtitle ? `<div class="qs-card-subtitle">${inline(card.subtitle)}</div>` : ''
  const actions = card.actions.length
    ? `<div class="qs-actions">${card.actions.map((b) => buttonHtml(card, b, options)).join('')}</div>`
    : ''
  return (
    `<article class="qs-card qs-tone-${card.tone}" style="--qs-tone:${colour}" data-template="${escapeHtml(card.template)}"` +
    ` data-card-id="${escapeHtml(card.id ?? '')}" data-card-version="${card.version}">` +
    `<header class="qs-card-header"><h3 class="qs-card-title">${inline(card.title)}</h3>${subtitle}</header>` +
    `<div class="qs-card-body">${card.blocks.map((b) => blockHtml(card, b, options)).join('')}</div>${actions}</article>`
  )
}
