// The direction rules of the code (CONTRIBUTING.md, "The parts"), checked by `npm run lint` with dependency-cruiser.
// Type-only imports count: a type is a dependency too (tsPreCompilationDeps), except for cycles, see below.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-feature',
      comment:
        'The neutral core (src/bot, src/outbox, src/cards) knows no feature: features plug in through the list in ' +
        'src/features/index.ts, which the runtime passes to the core (Feature, src/bot/feature.ts).',
      severity: 'error',
      from: { path: '^src/(bot|outbox|cards)/' },
      to: { path: '^src/features/' },
    },
    {
      name: 'core-imports-no-platform',
      comment:
        'The neutral core speaks neutral types only: adapters in src/platforms translate to and from each platform.',
      severity: 'error',
      from: { path: '^src/(bot|outbox|cards)/' },
      to: { path: '^src/platforms/' },
    },
    {
      name: 'features-import-no-entry',
      comment:
        'Features are built on by the entries (src/runtime, src/cli), never the other way round: a feature that ' +
        'imported an entry would drag a runtime (Node, Workers, the terminal) into every other one.',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/(cli|runtime)/' },
    },
    {
      name: 'only-db-imports-generated-clients',
      comment:
        'The generated Prisma clients differ per runtime (node-sqlite, node-postgresql, worker-sqlite); src/db opens ' +
        'them and everything else sees its Db type. (src/generated also holds the knowledge and rules bundles, data ' +
        'that their loaders import; this rule is about the clients.)',
      severity: 'error',
      from: { pathNot: '^src/db/' },
      to: { path: '^src/generated/(node-sqlite|node-postgresql|worker-sqlite)/' },
    },
    {
      name: 'worker-loads-no-native-module',
      comment:
        'Workers cannot load native modules: the PNG renderer (resvg, src/runtime/png.ts) reaches the core only from ' +
        'the Node entries (CoreParts.png), so nothing the Worker imports may lead to it.',
      severity: 'error',
      from: { path: '^src/runtime/worker\\.ts$' },
      to: { path: ['^src/runtime/png\\.ts$', '@resvg/'], reachable: true },
    },
    {
      name: 'no-runtime-cycles',
      comment:
        'No module may need itself, through others, at run time. Cycles through a type-only import are allowed: types ' +
        'vanish at run time, and some shapes refer to each other by nature (CoreDeps holds the handler registry, ' +
        'whose handlers take CoreDeps).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    // The generated clients are checked as targets of imports (above) but not read themselves.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
}
