// The console's one stylesheet, served from the app itself (/admin/assets/console.css): no CDN, no build step.
export const CONSOLE_CSS = `
:root { --blue: #3370ff; --ink: #1f2329; --muted: #646a73; --line: #dee0e3; --bg: #f5f6f7; --red: #d83931; --green: #2ea121; --amber: #de7802; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.6 "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--blue); text-decoration: none; } a:hover { text-decoration: underline; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 8px 24px; min-height: 52px; background: #fff; border-bottom: 1px solid var(--line); }
header.top .brand { font-weight: 600; font-size: 16px; white-space: nowrap; }
header.top nav { display: flex; flex-wrap: wrap; gap: 4px; flex: 1; }
header.top nav a { padding: 6px 10px; border-radius: 6px; color: var(--ink); white-space: nowrap; }
header.top nav a.active { background: #e1eaff; color: var(--blue); }
header.top .who { color: var(--muted); display: flex; gap: 12px; align-items: center; white-space: nowrap; }
main { max-width: 1200px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 20px; margin: 0 0 16px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f2f3f5; font-weight: 600; white-space: nowrap; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; background: #eff0f1; white-space: nowrap; }
.badge.warn { background: #fff3e8; color: var(--amber); } .badge.bad { background: #fde2e2; color: var(--red); }
.badge.ok { background: #e4f7e1; color: var(--green); } .badge.info { background: #e1eaff; color: var(--blue); }
form.inline { display: inline; }
form.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin-bottom: 16px; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); }
textarea { width: 100%; min-height: 64px; }
button, .button { font: inherit; padding: 6px 16px; border-radius: 6px; border: 1px solid var(--line); background: #fff; cursor: pointer; color: var(--ink); display: inline-block; }
button.primary, .button.primary { background: var(--blue); border-color: var(--blue); color: #fff; }
button.danger { border-color: var(--red); color: var(--red); }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
.notice { padding: 10px 14px; border-radius: 6px; margin-bottom: 16px; background: #e1eaff; }
.notice.bad { background: #fde2e2; } .notice.ok { background: #e4f7e1; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; }
dl { display: grid; grid-template-columns: 120px 1fr; gap: 4px 12px; margin: 0; } dt { color: var(--muted); }
.pager { display: flex; gap: 12px; align-items: center; margin-top: 12px; }
.signin { max-width: 420px; margin: 80px auto; }
.signin .button { display: block; text-align: center; margin: 10px 0; padding: 10px; }
body.reference main { max-width: 960px; } .op { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.method { font-family: monospace; padding: 2px 6px; border-radius: 4px; background: #e1eaff; color: var(--blue); }
.method.post, .method.put { background: #e4f7e1; color: var(--green); }
nav a + a { margin-left: 8px; }
`
