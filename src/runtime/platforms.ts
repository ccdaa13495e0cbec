// Builds the platforms that are configured (credentials present). A platform without credentials is off.
import type { CoreDeps } from '../deps.ts'
import type { PlatformModule } from '../platforms/platform.ts'
import { addPort } from './core.ts'

export function createPlatforms(deps: CoreDeps): PlatformModule[] {
  const platforms: PlatformModule[] = []
  for (const platform of platforms) addPort(deps, platform.port)
  return platforms
}
