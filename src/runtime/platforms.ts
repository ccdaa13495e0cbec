// Builds the platforms that are on: Feishu and DingTalk when their credentials are configured, the console when the
// simulator is (SIMULATOR=on). Each is registered with the core (its port and capabilities); the app mounts its
// routes. A platform without credentials is off.
import type { CoreDeps } from '../deps.ts'
import { createConsolePlatform } from '../platforms/console/index.ts'
import { createDingtalkPlatform } from '../platforms/dingtalk/index.ts'
import { createFeishuPlatform } from '../platforms/feishu/index.ts'
import type { PlatformModule } from '../platforms/platform.ts'
import { addPlatform } from './core.ts'

export interface PlatformChoice {
  /** The console platform with the web simulator; defaults to SIMULATOR=on. */
  console?: boolean
}

export function createPlatforms(deps: CoreDeps, choice: PlatformChoice = {}): PlatformModule[] {
  const platforms: PlatformModule[] = []
  if (deps.config.feishu) platforms.push(createFeishuPlatform(deps))
  if (deps.config.dingtalk) platforms.push(createDingtalkPlatform(deps))
  if (choice.console ?? deps.config.env.SIMULATOR === 'on') platforms.push(createConsolePlatform(deps))
  for (const platform of platforms) addPlatform(deps, platform)
  return platforms
}
