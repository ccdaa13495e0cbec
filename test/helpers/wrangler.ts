// The real Worker under `wrangler dev` (workerd + a local D1 database migrated by wrangler from the flat files that
// `npm run generate` derives from prisma/migrations), on a free port of 127.0.0.1, with the given [vars].
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js')
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_PROXY: '*' }

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

export interface WranglerDev {
  base: string
  stop(): void
}

export async function startWranglerDev(vars: Record<string, string> = {}): Promise<WranglerDev> {
  const persist = mkdtempSync(join(tmpdir(), 'qsbot-wrangler-'))
  execFileSync(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'quality-service-bot', '--local', '--persist-to', persist],
    {
      stdio: 'ignore',
      env,
    },
  )
  const port = await freePort()
  const args = [wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist]
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`)
  args.push('--test-scheduled', '--inspector-port', String(await freePort()))
  const child: ChildProcess = spawn(process.execPath, args, { env })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready on')) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)))
  })
  return { base: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}
