// Tiny flag parser for the CLI commands: `--flag`, `--key value`, and the rest as positional text.
export function parseArgs(argv: string[], valued: string[] = []) {
  const flags: Record<string, string | true> = {}
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) rest.push(arg)
    else if (valued.includes(arg.slice(2)) && i + 1 < argv.length) flags[arg.slice(2)] = argv[++i]!
    else flags[arg.slice(2)] = true
  }
  return { flags, text: rest.join(' ') }
}
