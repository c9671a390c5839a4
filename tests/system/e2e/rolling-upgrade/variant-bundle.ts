import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoRoot } from '@events/stack/paths';
import { build, type Plugin } from 'esbuild';
import type { VariantCatalog } from './variant-catalog.ts';

export type VariantService = 'user-service' | 'profile-service';

/** A service built against one variant catalog, runnable like the harness runs the real one. */
export interface ServiceVariant {
  service: VariantService;
  /** `<service> <version>`, as deployments and can-i-deploy name it. */
  label: string;
  version: string;
  /** The bundled entry point, relative to the repository root (ServiceSpec.entry). */
  entry: string;
  /** The bundled contract-manifest command: what this build would deploy. */
  manifestCommand: string;
  catalog: VariantCatalog;
}

const CONTRACTS_INDEX = join(repoRoot, 'contracts/src/index.ts');
const CONTRACTS_AGREEMENTS = join(repoRoot, 'contracts/src/agreements.ts');

/**
 * Bundles `service` from main's sources as tsup does, except that `@events/contracts` is main's contracts
 * source bound to `catalog`'s generated code and topic name, and each module of `overrides` (a path under
 * the service's src/) is replaced by a scenario module. Its package.json says `version`, which its manifest
 * and deployment record carry; migrations/ is the service's plus `extraMigrations`. `dir` must lie under a
 * node_modules folder of the repository, so that the bundle's external packages resolve as the service's do.
 */
export async function bundleServiceVariant({
  service,
  dir,
  catalog,
  versionSuffix,
  overrides = {},
  extraMigrations = [],
}: {
  service: VariantService;
  dir: string;
  catalog: VariantCatalog;
  versionSuffix: string;
  overrides?: Record<string, string>;
  extraMigrations?: readonly string[];
}): Promise<ServiceVariant> {
  const serviceDir = join(repoRoot, service);
  const main = JSON.parse(readFileSync(join(serviceDir, 'package.json'), 'utf8')) as { version: string };
  const version = `${main.version}-${versionSuffix}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `@events/${service}`, version, private: true, type: 'module' }),
  );
  cpSync(join(serviceDir, 'migrations'), join(dir, 'migrations'), { recursive: true });
  for (const file of extraMigrations) cpSync(file, join(dir, 'migrations', file.split('/').pop() as string));
  const agreements = join(dir, 'agreements.ts');
  writeFileSync(
    agreements,
    [
      `import { TOPICS as catalogTopics } from ${JSON.stringify(CONTRACTS_AGREEMENTS)};`,
      `export { EVENT_HEADERS, deadLetterTopicOf } from ${JSON.stringify(CONTRACTS_AGREEMENTS)};`,
      `export const TOPICS = { ...catalogTopics, userRegister: ${JSON.stringify(catalog.topic)} } as const;`,
    ].join('\n'),
  );
  await build({
    entryPoints: {
      main: join(serviceDir, 'src/main.ts'),
      // Where the source sits, so that its `../../../package.json` is this variant's.
      'entry-points/cli/contract-manifest': join(serviceDir, 'src/entry-points/cli/contract-manifest.ts'),
    },
    outdir: join(dir, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    packages: 'external',
    logLevel: 'warning',
    plugins: [
      variantContracts({
        generatedIndex: join(catalog.generatedDir, 'index.ts'),
        agreements,
        overrides: new Map(
          Object.entries(overrides).map(([path, replacement]) => [
            join(serviceDir, 'src', path),
            replacement,
          ]),
        ),
      }),
    ],
  });
  return {
    service,
    label: `${service} ${version}`,
    version,
    entry: relative(repoRoot, join(dir, 'dist/main.js')),
    manifestCommand: join(dir, 'dist/entry-points/cli/contract-manifest.js'),
    catalog,
  };
}

function variantContracts({
  generatedIndex,
  agreements,
  overrides,
}: {
  generatedIndex: string;
  agreements: string;
  overrides: Map<string, string>;
}): Plugin {
  return {
    name: 'rolling-upgrade-variant',
    setup(variant) {
      variant.onResolve({ filter: /^@events\/contracts$/ }, () => ({ path: CONTRACTS_INDEX }));
      variant.onResolve({ filter: /^\.\/(generated\/index|agreements)\.ts$/ }, (args) => {
        if (args.importer !== CONTRACTS_INDEX) return undefined;
        return { path: args.path === './agreements.ts' ? agreements : generatedIndex };
      });
      variant.onResolve({ filter: /^\./ }, (args) => {
        const replacement = overrides.get(resolve(args.resolveDir, args.path));
        // The replacement itself imports the module it wraps.
        return replacement && args.importer !== replacement ? { path: replacement } : undefined;
      });
    },
  };
}
