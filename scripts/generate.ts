// `npm run generate` (also run by `npm install`): everything derived from the sources of truth, into
// src/generated/ (git-ignored): the Prisma clients and D1 migration files, the knowledge bundle and the rules bundle
// that Workers import (no filesystem there).
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { bundleEvalSets, bundleKnowledge } from './bundle-knowledge.ts'
import { bundleRules } from './bundle-rules.ts'

const prismaScript = fileURLToPath(new URL('./prisma.ts', import.meta.url))
const tsx = fileURLToPath(import.meta.resolve('tsx/cli'))
execFileSync(process.execPath, [tsx, prismaScript, 'generate'], { stdio: 'inherit' })
const knowledge = await bundleKnowledge()
console.log(`knowledge: ${knowledge.entries} entries → ${knowledge.out}`)
const evalSets = await bundleEvalSets()
console.log(`evaluation sets: ${evalSets.questions} questions → ${evalSets.out}`)
const rules = await bundleRules()
console.log(`rules: ${rules.criteria} criteria, ${rules.programmes} programmes → ${rules.out}`)
