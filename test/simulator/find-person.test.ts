// `/user <query>` in the terminal: the simulator's rule, so `/user 李工` needs no full-width bracket.
import { expect, test } from 'vitest'
import { findPerson } from '../../src/platforms/console/people.ts'

const known = [
  { userId: '张工（演示）', name: '张工（演示）' },
  { userId: '李工（演示）', name: '李工（演示）' },
  { userId: '认证检测科负责人（演示）', name: '认证检测科负责人（演示）' },
  { userId: 'demo-boss', name: '示例鞋业张经理（演示）' },
]

test('an id or full name exactly, else the start of a name, else a part of it; nobody known is null', () => {
  expect(findPerson(known, 'demo-boss')?.name).toBe('示例鞋业张经理（演示）')
  expect(findPerson(known, '李工（演示）')?.userId).toBe('李工（演示）')
  expect(findPerson(known, '李工')?.userId).toBe('李工（演示）')
  expect(findPerson(known, '认证检测科负责人')?.userId).toBe('认证检测科负责人（演示）')
  expect(findPerson(known, '张经理')?.userId).toBe('demo-boss')
  expect(findPerson(known, '张')?.userId).toBe('张工（演示）')
  expect(findPerson(known, 'someone-new')).toBeNull()
})
