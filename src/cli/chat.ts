// `npm run chat`: talk to the bot in the terminal. Cards show as text with numbered buttons: type the number to
// press one. `/user <id> [name]` switches who you are (e.g. to act as a staff member): a known person's id or name, or
// the start of a name (`/user 李工` is 李工（演示）, as in the simulator); anyone else is a new id. `/quit` leaves.
// Lines are read as a stream, so piping a scripted conversation in works as well as typing.
import { createInterface } from 'node:readline'
import { peopleOn } from '../bot/people.ts'
import { CONSOLE } from '../platforms/console/decode.ts'
import { findPerson } from '../platforms/console/people.ts'
import { createConsoleSession } from '../platforms/console/receive.ts'
import { parseArgs } from './args.ts'
import { openLocalCore } from './local-core.ts'

const { flags } = parseArgs(process.argv.slice(2), ['user', 'name'])
const core = await openLocalCore()
let session = createConsoleSession(core.deps, core.inbox, {
  userId: typeof flags.user === 'string' ? flags.user : 'console-user',
  name: typeof flags.name === 'string' ? flags.name : undefined,
})
const rl = createInterface({ input: process.stdin, output: process.stdout })
console.log(
  '质量强企服务助手（终端模式）。输入问题开始对话；输入卡片按钮前的数字可点击按钮；/user 名字（可只写开头，如 /user 李工）切换身份；/quit 退出。\n',
)
console.log(`${(await session.say('帮助')).text}\n`)

const prompt = () => {
  rl.setPrompt(`${session.actor.name}> `)
  rl.prompt()
}
prompt()
for await (const raw of rl) {
  const line = raw.trim()
  if (line === '/quit' || line === '/exit') break
  const who = /^\/user\s+(\S+)(?:\s+(.+))?$/.exec(line)
  if (who) {
    const known = findPerson(await peopleOn(core.deps, CONSOLE), who[1]!)
    const actor = known ? { userId: known.userId, name: who[2] ?? known.name } : { userId: who[1]!, name: who[2] }
    session = createConsoleSession(core.deps, core.inbox, actor)
    const waiting = await session.pending()
    console.log(`已切换为 ${session.actor.name}${waiting.text ? `，您有新消息：\n\n${waiting.text}` : ''}\n`)
  } else if (line) {
    const turn = await session.say(line)
    console.log(`\n${turn.text}\n`)
    for (const other of turn.others) console.log(`  → 已通知 ${other.to}：${other.text.replaceAll('\n', '\n    ')}\n`)
  }
  prompt()
}
rl.close()
await core.close()
process.exit(0)
