import { enableCompileCache } from 'node:module';

// Node caches compiled, type-stripped modules on disk (os.tmpdir()): repeated runs skip most of the start-up,
// which is most of a check's time on a small catalog. Must run before the checker's modules load.
enableCompileCache();
await import('./schemas-check-main.ts');
