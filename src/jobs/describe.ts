// A cron as staff read it, in Asia/Shanghai (for `npm run jobs -- list`): 每天 08:30, 每周一 09:00, 每 5 分钟 …
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日']
const pad = (n: string) => n.padStart(2, '0')

export function describeCron(cron: string): string {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/) as [string, string, string, string, string]
  if (cron.trim() === '* * * * *') return '每分钟'
  if (minute.startsWith('*/') && hour === '*' && dom === '*' && month === '*' && dow === '*')
    return `每 ${minute.slice(2)} 分钟`
  if (!/^\d+$/.test(minute) || !/^\d+$/.test(hour) || month !== '*') return cron
  const time = `${pad(hour)}:${pad(minute)}`
  if (dom === '*' && dow === '*') return `每天 ${time}`
  if (dom === '*' && /^\d$/.test(dow)) return `每周${WEEKDAYS[Number(dow)]} ${time}`
  if (dom === '*' && /^\d-\d$/.test(dow))
    return `每周${WEEKDAYS[Number(dow[0])]}至周${WEEKDAYS[Number(dow[2])]} ${time}`
  if (/^\d+$/.test(dom) && dow === '*') return `每月 ${dom} 日 ${time}`
  return cron
}
