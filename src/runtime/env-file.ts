// Reads ./.env into process.env when the file exists (Node ≥ 20.12). Variables already set win.
import { existsSync } from 'node:fs'

export function loadEnvFile(path = '.env') {
  if (existsSync(path)) process.loadEnvFile(path)
}
