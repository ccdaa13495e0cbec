// The HTML renderer of the neutral card (src/cards/render-html.ts): escaping, tone colours, buttons that carry the
// card's id and version, forms, charts, and icons where a browser might lack an emoji font.
import { describe, expect, test } from 'vitest'
import { ICONS } from '../../src/cards/html-icons.ts'
import { CARD_CSS, TONE_COLOURS } from '../../src/cards/html-style.ts'
import { CARD_TONES, type CardModelInput, cardModelSchema } from '../../src/cards/model.ts'
import { escapeHtml, markdownToHtml, renderCardHtml, safeUrl } from '../../src/cards/render-html.ts'
import { CARD_TEMPLATES, renderCard } from '../helpers/cards.ts'

const card = (input: Partial<CardModelInput> = {}) =>
  cardModelSchema.parse({ template: 't', title: '标题', id: 'crd_1', version: 3, ...input })
const CLICK = { clickUrl: '/simulator/clicks' }
const EMOJI = /[\u{1F300}-\u{1FAFF}\u2B1C\u2705\u274C\u26A0\u2714\u2611\u2610\u2716]/u

/** The markup with every tag taken out: what is left is text, so no `<` may remain unless escaped. */
const withoutTags = (html: string) => html.replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/g, '')

describe('escaping', () => {
  const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>'&`
  test('card text, fields, notes, buttons, forms and values cannot inject markup', () => {
    const html = renderCardHtml(
      card({
        title: evil,
        subtitle: evil,
        template: evil,
        id: `"><script>`,
        blocks: [
          { type: 'markdown', text: `**${evil}**\n- ${evil}` },
          { type: 'fields', fields: [{ label: evil, value: evil }] },
          { type: 'note', text: evil },
          { type: 'chart', title: evil, labels: [evil], series: [{ name: evil, values: [1] }] },
          {
            type: 'form',
            name: 'f',
            inputs: [
              { name: 'a', label: evil, placeholder: evil, initial: evil },
              { name: 'b', label: evil, kind: 'select', options: [{ value: evil, label: evil }] },
              { name: 'c', label: evil, kind: 'textarea', initial: `</textarea>${evil}` },
            ],
            submit: { label: evil, action: 'x.submit', value: { q: evil } },
          },
        ],
        actions: [
          { label: evil, action: 'x.click', value: { q: evil } },
          { label: evil, url: evil },
        ],
      }),
      CLICK,
    )
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>|<\/textarea><script/i)
    expect(withoutTags(html)).not.toContain('<')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    // Attribute values stay inside their quotes.
    expect(html).not.toMatch(/="[^"]*"[^\s>/]/)
  })

  test('links: web links and site paths only, never javascript: or data:', () => {
    expect(safeUrl('https://example.org/a?b=1&c=2')).toBe('https://example.org/a?b=1&c=2')
    expect(safeUrl('/simulator')).toBe('/simulator')
    for (const bad of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '//evil.example',
      'vbscript:x',
    ])
      expect(safeUrl(bad)).toBeNull()
    const html = markdownToHtml('[原文](https://example.org/?a=1&b="2") 和 [坏](javascript:alert(1))')
    expect(html).toContain(
      '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" target="_blank" rel="noopener noreferrer">原文</a>',
    )
    expect(html).not.toContain('javascript:')
    expect(html).toContain('坏')
    const button = renderCardHtml(card({ actions: [{ label: '打开', url: 'javascript:alert(1)' }] }), CLICK)
    expect(button).not.toContain('javascript:')
  })

  test('private-use characters in text cannot forge a link', () => {
    const html = markdownToHtml('[a](https://a.example) \uE0000\uE001')
    expect(html.match(/<a /g)).toHaveLength(1)
  })

  test('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;')
  })
})

describe('markdown subset', () => {
  test('bold, line breaks, lists, headings', () => {
    expect(markdownToHtml('**粗体** 文字\n第二行')).toBe('<p><strong>粗体</strong> 文字<br>第二行</p>')
    expect(markdownToHtml('说明：\n- 甲\n- 乙\n结束')).toBe('<p>说明：</p><ul><li>甲</li><li>乙</li></ul><p>结束</p>')
    expect(markdownToHtml('1. 一\n2. 二')).toBe('<ol><li>一</li><li>二</li></ol>')
    expect(markdownToHtml('## 标题\n正文')).toBe('<p><strong>标题</strong><br>正文</p>')
  })
})

test.each(CARD_TONES)('the %s tone colours the header', (tone) => {
  const html = renderCardHtml(card({ tone }))
  expect(html).toContain(`class="qs-card qs-tone-${tone}" style="--qs-tone:${TONE_COLOURS[tone]}"`)
  expect(CARD_CSS).toContain('.qs-card-header{background:var(--qs-tone')
})

describe('buttons', () => {
  const model = card({
    actions: [
      { label: '同意', action: 'ticket.approve', style: 'primary', value: { t: 1, tv: 4 } },
      { label: '驳回', action: 'ticket.reject', style: 'danger', value: { t: 1, tv: 4 } },
      { label: '查看', url: 'https://example.org/x' },
    ],
  })

  test('each callback button is a form to the click URL carrying card id, version, action and value', () => {
    const html = renderCardHtml(model, CLICK)
    const forms = html.match(/<form method="post" action="\/simulator\/clicks" class="qs-click">.*?<\/form>/g) ?? []
    expect(forms).toHaveLength(2)
    expect(forms[0]).toContain('<input type="hidden" name="_card" value="crd_1">')
    expect(forms[0]).toContain('<input type="hidden" name="_version" value="3">')
    expect(forms[0]).toContain('<input type="hidden" name="_action" value="ticket.approve">')
    expect(forms[0]).toContain('<input type="hidden" name="_value" value="{&quot;t&quot;:1,&quot;tv&quot;:4}">')
    expect(forms[0]).toMatch(/<button type="submit" class="qs-btn qs-btn-primary" [^>]*>同意<\/button>/)
    expect(forms[1]).toContain('qs-btn-danger')
    expect(forms[1]).toContain('data-action="ticket.reject"')
    expect(html).toContain('<a class="qs-btn qs-btn-default" href="https://example.org/x" target="_blank"')
  })

  test('without a click URL the card is a preview: buttons shown, disabled, no forms', () => {
    const html = renderCardHtml(model)
    expect(html).not.toContain('<form')
    expect(html.match(/<button [^>]* disabled>/g)).toHaveLength(2)
  })
})

test('a form block: labelled inputs, select options with the initial one chosen, required marks, one submit', () => {
  const html = renderCardHtml(renderCard('ticket-form', CARD_TEMPLATES['ticket-form']!.sample), CLICK)
  expect(html).toContain('<form class="qs-form" data-form="ticket_form" method="post" action="/simulator/clicks">')
  expect(html).toContain('<input type="hidden" name="_action" value="ticket.submit">')
  expect(html).toContain('<input type="hidden" name="_form" value="ticket_form">')
  expect(html).toContain('<select name="category" required><option value="metrology" selected>计量</option>')
  expect(html).toMatch(/<textarea name="description" required placeholder="请简要说明[^"]*"><\/textarea>/)
  expect(html).toContain('<input type="text" name="phone" value="" required placeholder="手机号或带区号的固定电话">')
  expect(html).toContain('<span>服务类别<span class="qs-required" aria-hidden="true"> *</span></span>')
  expect(html).toMatch(/<button type="submit" class="qs-btn qs-btn-primary" [^>]*>提交申请<\/button><\/form>/)
})

test('a chart block becomes a table with bars', () => {
  const html = renderCardHtml(
    card({
      blocks: [
        { type: 'chart', title: '月度工单', labels: ['1月', '2月'], series: [{ name: '办结', values: [2, 4] }] },
      ],
    }),
  )
  expect(html).toContain('<figcaption>月度工单</figcaption>')
  expect(html).toContain('<th scope="row">2月</th><td><span class="qs-bar" style="width:120px"></span>4</td>')
})

describe('icons instead of emoji', () => {
  test('the 质量贷 checklist marks and 👍👎 become labelled inline SVG', () => {
    const eligibility = renderCardHtml(renderCard('eligibility', CARD_TEMPLATES.eligibility!.sample), CLICK)
    expect(eligibility).toMatch(/<svg class="qs-icon"[^>]*aria-label="已具备"/)
    expect(eligibility).toMatch(/<svg class="qs-icon"[^>]*aria-label="暂未具备"/)
    const answer = renderCardHtml(renderCard('policy-answer', CARD_TEMPLATES['policy-answer']!.sample), CLICK)
    expect(answer).toMatch(/>.*<svg class="qs-icon"[^>]*aria-label="赞".*<\/svg> 有帮助<\/button>/)
    expect(answer).toMatch(/aria-label="踩"/)
  })

  test('every symbol with an icon is replaced, with or without the emoji variation selector', () => {
    for (const symbol of Object.keys(ICONS)) {
      const html = renderCardHtml(card({ title: `${symbol}\uFE0F 甲`, blocks: [{ type: 'note', text: symbol }] }))
      expect(withoutTags(html)).not.toMatch(EMOJI)
      expect(html).not.toContain('\uFE0F')
    }
  })

  test.each(Object.keys(CARD_TEMPLATES))(
    'the sample of %s renders with no emoji left and its buttons labelled',
    (name) => {
      const model = renderCard(name, CARD_TEMPLATES[name]!.sample)
      const html = renderCardHtml(model, CLICK)
      expect(withoutTags(html)).not.toMatch(EMOJI)
      expect(html).toContain('<h3 class="qs-card-title">')
      for (const button of model.actions) expect(withoutTags(html)).toContain(button.label.replace(/^[👍👎]\s*/u, ''))
    },
  )
})
