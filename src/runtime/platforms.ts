// Builds the platforms that are configured (credentials present). A platform without credentials is off.
import type { CoreDeps } from '../deps.ts'
import { createDingtalkPlatform } from '../platforms/dingtalk/index.ts'
import { createFeishuPlatform } from '../platforms/feishu/index.ts'
import type { PlatformModule } from '../platforms/platform.ts'
import { addPort } from './core.ts'

export function createPlatforms(deps: CoreDeps): PlatformModule[] {
  const platforms: PlatformModule[] = []
  if (deps.config.feishu) platforms.push(createFeishuPlatform(deps))
  if (deps.config.dingtalk) platforms.push(createDingtalkPlatform(deps))
  for (const platform of platforms) addPort(deps, platform.port)
  return platforms
}
