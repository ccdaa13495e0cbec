// The look of a card in HTML (src/cards/render-html.ts): one self-contained CSS string, no web fonts and no CDN, so
// the simulator and a staff preview work offline. Classes are prefixed `qs-` to live beside any page's own styles.
import type { CARD_TONES } from './model.ts'

/** Header colour of each tone, close to the chat platforms' own card headers. */
export const TONE_COLOURS: Record<(typeof CARD_TONES)[number], string> = {
  blue: '#3370ff',
  green: '#2ea121',
  orange: '#e37318',
  red: '#d83931',
  grey: '#646a73',
  purple: '#7f3bf5',
}

export const CARD_CSS = `
.qs-card{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#fff;border:1px solid #dee0e3;border-radius:10px;overflow:hidden;max-width:560px;color:#1f2329;font-size:14px;line-height:1.6;box-shadow:0 1px 3px rgba(31,35,41,.08)}
.qs-card-header{background:var(--qs-tone,#3370ff);color:#fff;padding:10px 14px}
.qs-card-title{font-size:15px;font-weight:600;margin:0}
.qs-card-subtitle{font-size:12px;opacity:.9;margin-top:2px}
.qs-card-body{padding:10px 14px 12px;display:flex;flex-direction:column;gap:8px}
.qs-card-body>div:empty{display:none}
.qs-md p,.qs-note p{margin:0}
.qs-md ul,.qs-md ol,.qs-note ul,.qs-note ol{margin:0;padding-left:1.3em}
.qs-md a,.qs-note a{color:#3370ff}
.qs-fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:6px 14px;margin:0}
.qs-field dt{color:#646a73;font-size:12px}
.qs-field dd{margin:0;word-break:break-all}
.qs-divider{border:0;border-top:1px solid #dee0e3;margin:2px 0}
.qs-note{color:#8f959e;font-size:12px}
.qs-icon{vertical-align:-0.2em;display:inline-block}
.qs-actions{display:flex;flex-wrap:wrap;gap:8px;padding:0 14px 12px}
.qs-actions form{margin:0}
.qs-btn{font:inherit;font-size:13px;padding:5px 14px;border-radius:6px;border:1px solid #d0d3d6;background:#fff;color:#1f2329;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center;gap:4px}
.qs-btn:hover:not(:disabled){background:#f2f3f5}
.qs-btn-primary{background:#3370ff;border-color:#3370ff;color:#fff}
.qs-btn-primary:hover:not(:disabled){background:#245bdb}
.qs-btn-danger{color:#d83931;border-color:#f98e8b}
.qs-btn:disabled{opacity:.55;cursor:default}
.qs-form{display:flex;flex-direction:column;gap:8px;border:1px solid #eff0f1;border-radius:8px;padding:10px;background:#fafbfc}
.qs-form label{display:flex;flex-direction:column;gap:3px;font-size:13px;color:#646a73}
.qs-form .qs-required{color:#d83931}
.qs-form input,.qs-form select,.qs-form textarea{font:inherit;color:#1f2329;padding:6px 8px;border:1px solid #d0d3d6;border-radius:6px;background:#fff}
.qs-form textarea{min-height:56px;resize:vertical}
.qs-form .qs-btn{align-self:flex-start}
.qs-chart figcaption{font-weight:600;margin-bottom:4px}
.qs-chart table{border-collapse:collapse;width:100%;font-size:12px}
.qs-chart td,.qs-chart th{padding:2px 4px;text-align:left;font-weight:normal}
.qs-bar{display:inline-block;height:10px;border-radius:2px;background:var(--qs-tone,#3370ff);vertical-align:middle;margin-right:4px}
`
