// This Node process as a lease holder sees it (src/bot/incarnation.ts): a restart on the same host recognises its
// predecessor as dead by its pid, or by a pid reused after the predecessor's start (containers start at pid 1).
import { hostname } from 'node:os'
import type { HostProcess } from '../bot/incarnation.ts'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // alive, another user's
  }
}

export const hostProcess = (): HostProcess => ({
  host: hostname(),
  pid: process.pid,
  startedAt: Date.now() - process.uptime() * 1000,
  alive,
})
