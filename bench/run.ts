// `npm run bench`: every benchmark, each against a baseline measured in the same run, results written to
// bench/results/<name>.json (summarised in the README). `npm run bench -- knowledge` runs just one.
// Speed is measured here, never in unit tests.
export {} // a module: top-level await below

const BENCHES: Record<string, () => Promise<unknown>> = {
  knowledge: async () => (await import('./knowledge.bench.ts')).runKnowledgeBench(),
  'feishu-webhook': async () => (await import('./feishu-webhook.bench.ts')).runFeishuWebhookBench(),
  'dingtalk-webhook': async () => (await import('./dingtalk-webhook.bench.ts')).runDingtalkWebhookBench(),
  alerts: async () => (await import('./alerts.bench.ts')).runAlertsBench(),
  digests: async () => (await import('./digests.bench.ts')).runDigestsBench(),
  'knowledge-gate': async () => (await import('./knowledge-gate.bench.ts')).runKnowledgeGateBench(),
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const unknown = only.filter((name) => !BENCHES[name])
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`)
  process.exit(2)
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue
  console.log(`\n== ${name}`)
  const started = Date.now()
  await run()
  console.log(`== ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
process.exit(0)
