// The simulator page's script (plain browser JavaScript, no build step, no CDN): one view per person, cards from
// the server as escaped HTML (src/cards/render-html.ts), clicks and form submits posted as JSON to /simulator/clicks.
// Written with String.raw so its regular expressions keep their backslashes; it uses no `${`.
export const SIMULATOR_SCRIPT = String.raw`
(() => {
const $ = (id) => document.getElementById(id);
const people = JSON.parse($('people-data').textContent);
const select = $('who');
const views = new Map();
const unread = new Map();
let current = select.value;
let busy = 0;

const personOf = (id) => people.find((p) => p.userId === id);
const nameOf = (id) => (personOf(id) ? personOf(id).name : id);

function labelOption(id) {
  const option = [...select.options].find((o) => o.value === id);
  const p = personOf(id);
  if (!option || !p) return;
  const n = unread.get(id) || 0;
  option.textContent = p.label + (n ? '（' + n + ' 条新消息）' : '');
}

function viewOf(id) {
  let view = views.get(id);
  if (!view) {
    view = document.createElement('div');
    view.className = 'view';
    view.dataset.user = id;
    view.setAttribute('aria-label', nameOf(id) + ' 的对话');
    $('views').appendChild(view);
    views.set(id, view);
  }
  return view;
}

function add(id, className, html) {
  const el = document.createElement('div');
  el.className = className;
  el.innerHTML = html;
  viewOf(id).appendChild(el);
  if (id === current) el.scrollIntoView({ block: 'end' });
  return el;
}

const esc = (text) => String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

function mine(id, text) {
  add(id, 'msg me', '<div class="from">' + esc(nameOf(id)) + '</div><div class="bubble">' + esc(text) + '</div>');
}

function render(id, view) {
  const box = viewOf(id);
  for (const item of view.items) {
    const html = '<div class="from">质量强企服务助手</div>' + item.html;
    const shown = item.cardId && box.querySelector('.qs-card[data-card-id="' + CSS.escape(item.cardId) + '"]');
    if (shown) {
      const msg = shown.closest('.msg');
      msg.innerHTML = html;
      msg.classList.add('updated');
      if (id === current) msg.scrollIntoView({ block: 'nearest' });
    } else {
      add(id, 'msg bot', html);
    }
  }
  if (view.toast) add(id, 'sys', esc(view.toast));
  for (const sent of view.sent) {
    unread.set(sent.to, (unread.get(sent.to) || 0) + 1);
    labelOption(sent.to);
    const el = add(id, 'sent', '<span>已发给 <strong>' + esc(nameOf(sent.to)) + '</strong>：' + esc(sent.summary) +
      '</span><button type="button">切换为 ' + esc(nameOf(sent.to)) + ' 查看</button>');
    el.dataset.to = sent.to;
    el.querySelector('button').onclick = () => switchTo(sent.to);
  }
}

async function post(path, body) {
  busy++;
  try {
    const res = await fetch('/simulator/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.assign({ userId: current, name: nameOf(current) }, body)),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(data.message || String(res.status));
    return data;
  } finally {
    busy--;
  }
}

async function run(id, path, body) {
  try {
    render(id, (await post(path, body)).view);
  } catch (e) {
    add(id, 'error', '出错了：' + esc(e.message));
  }
}

function show(id) {
  for (const [user, view] of views) view.hidden = user !== id;
  viewOf(id).hidden = false;
  const p = personOf(id);
  $('chat-title').textContent = '当前身份：' + (p ? p.label : id);
  $('text').placeholder = '以 ' + nameOf(id) + ' 的身份发言，例如：' + (p && p.group === '工作人员' ? '我的待办' : '我们能办质量贷吗？');
}

async function switchTo(id, announce = true) {
  current = id;
  if (![...select.options].some((o) => o.value === id)) select.add(new Option(personOf(id).label, id));
  select.value = id;
  unread.delete(id);
  labelOption(id);
  const fresh = !views.has(id);
  show(id);
  if (announce) add(id, 'sys', '已切换为 ' + esc(personOf(id) ? personOf(id).label : id));
  await run(id, 'pending', {});
  if (fresh && !announce) await say(id, '帮助');
  refreshPeople();
}

// Labels change as people act (a contact binds an enterprise): the selector follows.
async function refreshPeople() {
  try {
    const res = await fetch('/simulator/people');
    for (const fresh of (await res.json()).list) {
      const known = personOf(fresh.userId);
      if (known) known.label = fresh.label;
      labelOption(fresh.userId);
    }
  } catch {}
}

function resolve(query, name) {
  const exact = people.find((p) => p.userId === query || p.name === query);
  const close = exact || people.find((p) => p.name.startsWith(query)) || people.find((p) => p.name.includes(query));
  if (close) return close.userId;
  const person = { userId: query, name: name || query, group: '企业联系人', label: (name || query) + ' · 新身份' };
  people.push(person);
  return query;
}

async function say(id, text) {
  mine(id, text);
  await run(id, 'messages', { text });
}

select.addEventListener('change', () => switchTo(select.value));

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const command = /^\/user\s+(\S+)(?:\s+(.+))?$/.exec(text);
  if (command) return switchTo(resolve(command[1], command[2]));
  if (/^\/user\b/.test(text)) return add(current, 'sys', '请这样切换身份：/user 名字，例如 /user 李工');
  await say(current, text);
});

document.addEventListener('submit', async (e) => {
  const form = e.target;
  if (!form.matches('.qs-click, .qs-form')) return;
  e.preventDefault();
  const meta = {};
  const fields = {};
  for (const [key, value] of new FormData(form)) (key.startsWith('_') ? meta : fields)[key] = String(value);
  const button = e.submitter || form.querySelector('button');
  for (const b of form.querySelectorAll('button')) b.disabled = true;
  const id = current;
  mine(id, '点击了“' + (button ? button.textContent.trim() : '按钮') + '”');
  await run(id, 'clicks', {
    cardId: meta._card || undefined,
    cardVersion: Number(meta._version || 1),
    action: meta._action,
    value: JSON.parse(meta._value || '{}'),
    form: fields,
  });
  for (const b of form.querySelectorAll('button')) b.disabled = false;
});

// Live updates: what others' actions sent to the person shown arrives without typing.
setInterval(() => {
  if (!busy && !document.hidden) run(current, 'pending', {});
}, 5000);

switchTo(current, false);
})();
`
