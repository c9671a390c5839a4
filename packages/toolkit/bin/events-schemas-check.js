#!/usr/bin/env node
// Committed so that npm links the command at install time, before the first build.
import nodeModule from 'node:module';

// Node caches compiled modules on disk (os.tmpdir()): repeated runs skip most of the start-up, which is most of
// a check's time on a small catalog. Must run before the checker's modules load. Node 20 has no such cache
// (22.1+): there the check starts cold, as every other command does.
nodeModule.enableCompileCache?.();
await import('../dist/cli/schemas-check.js');
