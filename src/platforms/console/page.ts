// A minimal web chat for trying the bot locally (served at /simulator). Plain HTML, no build step.
export const SIMULATOR_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>质量强企服务助手 · 本地模拟器</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f2f3f5;color:#1f2329}
header{background:#3370ff;color:#fff;padding:12px 16px;font-size:16px}
#log{max-width:760px;margin:0 auto;padding:16px;display:flex;flex-direction:column;gap:10px;min-height:70vh}
.me{align-self:flex-end;background:#d6e4ff;padding:8px 12px;border-radius:8px;max-width:80%;white-space:pre-wrap}
.bot{align-self:flex-start;background:#fff;padding:10px 14px;border-radius:8px;max-width:85%;white-space:pre-wrap;box-shadow:0 1px 2px #0001}
.bot button{margin:6px 6px 0 0;padding:4px 10px;border:1px solid #3370ff;background:#fff;color:#3370ff;border-radius:4px;cursor:pointer}
.meta{font-size:12px;color:#8f959e}
form{max-width:760px;margin:0 auto;padding:12px 16px;display:flex;gap:8px}
#text{flex:1;padding:8px;font-size:15px}#user{width:110px;padding:8px}
</style></head><body>
<header>质量强企服务助手 · 本地模拟器（不连接飞书/钉钉）</header>
<div id="log"></div>
<form id="f"><input id="user" value="demo-user" title="模拟的用户 ID" aria-label="用户"><input id="text" placeholder="请输入问题，例如：我们能办质量贷吗？" aria-label="消息" autocomplete="off"><button>发送</button></form>
<script>
const log=document.getElementById('log');
function add(cls,text){const d=document.createElement('div');d.className=cls;d.textContent=text;log.appendChild(d);d.scrollIntoView();return d}
async function send(text){
  add('me',text);
  const r=await fetch('/simulator/messages',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({userId:document.getElementById('user').value,text})});
  const data=await r.json();
  if(!r.ok){add('bot','出错了：'+(data.message||r.status));return}
  const d=add('bot',data.text||'（无回复）');
  const n=(data.text.match(/\\[(\\d+)\\]/g)||[]).length;
  for(let i=1;i<=n;i++){const b=document.createElement('button');b.textContent=i;b.title='按下按钮 '+i;b.onclick=()=>send(String(i));d.appendChild(b)}
  for(const o of data.others||[])add('bot meta','→ 已通知 '+o.to+'：\\n'+o.text);
  if(data.citations&&data.citations.length)add('meta','引用：'+data.citations.map(c=>c.source).join('；'));
}
document.getElementById('f').onsubmit=e=>{e.preventDefault();const t=document.getElementById('text');if(t.value.trim()){send(t.value.trim());t.value=''}};
send('帮助');
</script></body></html>`
