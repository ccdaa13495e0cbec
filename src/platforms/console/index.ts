// The console platform: the terminal chat (`npm run chat`, `npm run ask`) and the web simulator (/simulator), a
// platform module like Feishu's and DingTalk's. Its port puts delivered messages in an in-process inbox; its routes
// are the simulator's. It has no verification and no API: nobody vouches for a console identity, which is why the
// simulator is off in production.
import type { Capabilities } from '../../bot/capabilities.ts'
import { botCore } from '../../bot/core.ts'
import type { CoreDeps } from '../../deps.ts'
import type { AdapterOptions, PlatformModule } from '../platform.ts'
import { type ConsoleInbox, createConsolePort } from './port.ts'
import { simulatorRoutes } from './routes.ts'

/** Plain text: buttons are numbered and pressed by typing the number; no forms, no charts, nothing edited. */
export const CONSOLE_CAPABILITIES: Capabilities = {
  label: '本地模拟器',
  forms: false,
  inPlaceCardUpdate: false,
  delayedUpdateTokens: false,
  numberedReplies: true,
  p2p: true,
  charts: false,
  images: false,
}

export interface ConsolePlatform extends PlatformModule {
  /** What was delivered, for the terminal and the simulator to show. */
  inbox: ConsoleInbox
}

export interface ConsolePlatformOptions extends AdapterOptions {
  /** Serve the web simulator (default on); the terminal needs only the port. */
  simulator?: boolean
}

export function createConsolePlatform(deps: CoreDeps, options: ConsolePlatformOptions = {}): ConsolePlatform {
  const port = createConsolePort()
  const core = options.core ?? botCore
  return {
    platform: 'console',
    port,
    inbox: port.inbox,
    capabilities: CONSOLE_CAPABILITIES,
    ...(options.simulator === false
      ? {}
      : { routes: simulatorRoutes(deps, port.inbox, core), mountPath: '/simulator' }),
  }
}
