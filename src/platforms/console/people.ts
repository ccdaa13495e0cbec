// The simulator's list of people to act as: staff and enterprise contacts known on the console (BotCore.peopleOn),
// each labelled by what they do, plus a visitor who is nobody yet (the default enterprise contact of a fresh chat).
import type { KnownPerson } from '../../bot/people.ts'

export interface SimulatorPerson {
  userId: string
  name: string
  group: '工作人员' | '企业联系人'
  /** What the selector shows: name and what the person does, e.g. 张工（演示） · 质量管家 · 计量科. */
  label: string
}

export const VISITOR: SimulatorPerson = {
  userId: 'demo-user',
  name: '访客',
  group: '企业联系人',
  label: '访客 · 企业联系人 · 未绑定企业',
}

function roleOf(person: KnownPerson): string {
  if (person.role === 'official') return '审批领导'
  if (person.role === 'admin') return '系统管理员'
  return person.isLead ? '质量管家（科室负责人）' : '质量管家'
}

export function simulatorPeople(known: KnownPerson[]): SimulatorPerson[] {
  const people = known.map((p): SimulatorPerson => {
    if (p.kind === 'staff') {
      return { userId: p.userId, name: p.name, group: '工作人员', label: `${p.name} · ${roleOf(p)} · ${p.department}` }
    }
    const enterprise = p.enterprise ?? '未绑定企业'
    return { userId: p.userId, name: p.name, group: '企业联系人', label: `${p.name} · 企业联系人 · ${enterprise}` }
  })
  return people.some((p) => p.userId === VISITOR.userId) ? people : [...people, VISITOR]
}

/** Who the page starts as: the first bound enterprise contact (the demo's 张经理), else the visitor. */
export function defaultPerson(known: KnownPerson[], people: SimulatorPerson[]): SimulatorPerson {
  const bound = known.find((p) => p.kind === 'contact' && p.enterprise)
  return people.find((p) => p.userId === bound?.userId) ?? VISITOR
}

/**
 * Who `/user <query>` means in the terminal, by the simulator's rule: a userId or full name exactly, else the first
 * name that starts with the query, else the first that contains it — so `/user 李工` is 李工（演示） and
 * `/user 认证检测科负责人` is 认证检测科负责人（演示）, without typing the full-width bracket. Null: nobody known.
 */
export function findPerson<P extends { userId: string; name: string }>(known: P[], query: string): P | null {
  return (
    known.find((p) => p.userId === query || p.name === query) ??
    known.find((p) => p.name.startsWith(query)) ??
    known.find((p) => p.name.includes(query)) ??
    null
  )
}
