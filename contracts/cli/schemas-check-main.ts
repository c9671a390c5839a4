import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatGithub } from '../src/check/format-github.ts';
import { formatHuman } from '../src/check/format-human.ts';
import { runSchemasCheck } from '../src/check/run-schemas-check.ts';
import { formatSarif } from '../src/governance/format-sarif.ts';
import { GitHistoryError } from '../src/governance/history/git.ts';

const usage = `Usage: npm run schemas:check -- [--format human|json|github|sarif] [--against GIT_REF] [--lint-only]
                                [--registry URL] [--dir CONTRACTS_DIR]

Checks every subject's newest schema against its history under its declared level, lints it (rules and
settings: schemas/lint.json), validates every schema file and the generated types. With --against, every
schema file the ref has must be unchanged and present, and looser compatibility levels are warned about.
--lint-only runs the lint rules alone (npm run schemas:lint). With --registry (or SCHEMA_REGISTRY_URL) also
asks the registry for its verdict. Exits 0 only when there is no error (warnings do not fail), 2 on bad usage.`;

const formats = ['human', 'json', 'github', 'sarif'];
const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'human' },
    against: { type: 'string' },
    'lint-only': { type: 'boolean', default: false },
    registry: { type: 'string' },
    dir: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!formats.includes(values.format)) {
  console.error(`Unknown --format "${values.format}".\n\n${usage}`);
  process.exit(2);
}

const registryUrl = values['lint-only'] ? undefined : (values.registry ?? process.env.SCHEMA_REGISTRY_URL);
const username = process.env.SCHEMA_REGISTRY_USERNAME;
const password = process.env.SCHEMA_REGISTRY_PASSWORD;
const report = await runSchemasCheck({
  contractsDir: values.dir ?? fileURLToPath(new URL('..', import.meta.url)),
  lintOnly: values['lint-only'],
  ...(values.against === undefined ? {} : { against: values.against }),
  ...(registryUrl
    ? {
        registry: {
          url: registryUrl,
          ...(username === undefined ? {} : { username }),
          ...(password === undefined ? {} : { password }),
        },
      }
    : {}),
}).catch((error: unknown) => {
  if (!(error instanceof GitHistoryError)) throw error;
  console.error(`--against ${values.against}: ${error.message}`);
  process.exit(2);
});

// npm runs workspace scripts inside the workspace; paths read best from where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
const root = process.env.GITHUB_WORKSPACE ?? cwd;
if (values.format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else if (values.format === 'github') process.stdout.write(formatGithub(report, { root }));
else if (values.format === 'sarif') process.stdout.write(formatSarif(report, { root }));
else process.stdout.write(formatHuman(report, { cwd, stream: process.stdout }));
process.exitCode = report.ok ? 0 : 1;
