// The web simulator's page (served at /simulator): server-rendered, no build step, no CDN. One view per person:
// a labelled selector says as whom one speaks, each person's messages stay in their own view, cards are drawn by
// the neutral HTML renderer with real buttons, and `/user 名字` switches identity as in the terminal.
import { CARD_CSS } from '../../cards/html-style.ts'
import { escapeHtml } from '../../cards/render-html.ts'
import { SIMULATOR_SCRIPT } from './page-script.ts'
import type { SimulatorPerson } from './people.ts'

const PAGE_CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#f2f3f5;color:#1f2329;height:100vh;display:flex;flex-direction:column}
.top{background:#3370ff;color:#fff;padding:10px 20px;display:flex;align-items:baseline;gap:12px}
.top h1{font-size:17px;margin:0;font-weight:600}
.top small{opacity:.85}
.sim{flex:1;display:flex;min-height:0}
.who{width:320px;background:#fff;border-right:1px solid #dee0e3;padding:16px;display:flex;flex-direction:column;gap:8px}
.who label{font-weight:600;font-size:14px}
.who select{font:inherit;font-size:13px;padding:7px 8px;border:1px solid #d0d3d6;border-radius:6px;width:100%}
.who .hint{font-size:12px;color:#646a73;margin:0;line-height:1.6}
.who code{background:#f2f3f5;padding:0 4px;border-radius:3px}
.chat{flex:1;display:flex;flex-direction:column;min-width:0}
.chat-title{padding:10px 20px;background:#fff;border-bottom:1px solid #dee0e3;font-size:14px}
#views{flex:1;overflow-y:auto;padding:16px 20px}
.view{display:flex;flex-direction:column;gap:12px}
.view[hidden]{display:none}
.msg{max-width:620px}
.msg .from{font-size:12px;color:#8f959e;margin-bottom:3px}
.msg.bot{align-self:flex-start}
.msg.bot:has(.qs-card){width:min(100%,560px)}
.msg.bot>.qs-md{background:#fff;padding:8px 12px;border-radius:8px;box-shadow:0 1px 2px rgba(31,35,41,.08)}
.msg.me{align-self:flex-end;text-align:right}
.msg.me .bubble{display:inline-block;background:#3370ff;color:#fff;padding:8px 12px;border-radius:8px;white-space:pre-wrap;text-align:left}
.msg.updated .qs-card{outline:2px solid #3370ff55}
.sys{align-self:center;font-size:12px;color:#646a73;background:#e5e6eb;padding:3px 10px;border-radius:10px}
.sent{align-self:flex-start;font-size:13px;background:#fff7e8;border:1px solid #ffd591;color:#7a4a00;padding:6px 10px;border-radius:8px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.sent button,.linkish{font:inherit;font-size:12px;border:1px solid #3370ff;color:#3370ff;background:#fff;border-radius:5px;padding:2px 8px;cursor:pointer}
.error{align-self:flex-start;color:#d83931;font-size:13px}
#composer{display:flex;gap:8px;padding:12px 20px;background:#fff;border-top:1px solid #dee0e3}
#composer input{flex:1;font:inherit;font-size:15px;padding:8px 10px;border:1px solid #d0d3d6;border-radius:6px}
#composer button{font:inherit;padding:8px 18px;border:0;border-radius:6px;background:#3370ff;color:#fff;cursor:pointer}
`

function options(people: SimulatorPerson[], current: SimulatorPerson): string {
  const groups = ['企业联系人', '工作人员'] as const
  return groups
    .map((group) => {
      const members = people.filter((p) => p.group === group)
      if (!members.length) return ''
      const items = members.map(
        (p) =>
          `<option value="${escapeHtml(p.userId)}"${p.userId === current.userId ? ' selected' : ''}>${escapeHtml(p.label)}</option>`,
      )
      return `<optgroup label="${group}">${items.join('')}</optgroup>`
    })
    .join('')
}

/** JSON inside a <script> element: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

export function simulatorPage(people: SimulatorPerson[], current: SimulatorPerson): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>质量强企服务助手 · 本地模拟器</title>
<style>${PAGE_CSS}${CARD_CSS}</style></head><body>
<header class="top"><h1>质量强企服务助手 · 本地模拟器</h1><small>不连接飞书/钉钉，仅供本地体验；身份未经任何平台验证</small></header>
<main class="sim">
<aside class="who">
<label for="who">当前身份（以谁的身份发言）</label>
<select id="who" name="who">${options(people, current)}</select>
<p class="hint">切换身份后，看到的是此人收到的消息：例如企业提交申请后，切换为对应的质量管家即可看到派单卡片。</p>
<p class="hint">也可以在输入框中输入 <code>/user 名字</code> 切换，例如 <code>/user 李工</code>。</p>
</aside>
<section class="chat">
<div class="chat-title" id="chat-title" aria-live="polite"></div>
<div id="views"></div>
<form id="composer" autocomplete="off"><input id="text" name="text" aria-label="消息" placeholder="请输入问题，例如：我们能办质量贷吗？"><button type="submit">发送</button></form>
</section>
</main>
<script type="application/json" id="people-data">${scriptJson(people)}</script>
<script>${SIMULATOR_SCRIPT}</script>
</body></html>`
}
